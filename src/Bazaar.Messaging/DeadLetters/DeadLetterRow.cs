namespace Bazaar.Messaging.DeadLetters;

/// <summary>A dead_letters row as Dapper reads it (a class: SQLite types columns per value).</summary>
internal sealed class DeadLetterRow
{
    public long Id { get; init; }
    public string Group { get; init; } = "";
    public string EventId { get; init; } = "";
    public string Type { get; init; } = "";
    public string Subject { get; init; } = "";
    public long Attempts { get; init; }
    public long DeadAt { get; init; }
    public string Error { get; init; } = "";
    public string Envelope { get; init; } = "";

    public const string Columns = """
        id AS Id, consumer_group AS "Group", event_id AS EventId, type AS Type, subject AS Subject,
        attempts AS Attempts, dead_at AS DeadAt, error AS Error, envelope AS Envelope
        """;

    public DeadLetterSummary ToSummary() => new(Id, Group, EventId, Type, Subject, (int)Attempts, DateTimeOffset.FromUnixTimeMilliseconds(DeadAt));

    public DeadLetter ToDeadLetter() => new(Id, Group, EventId, Type, Subject, (int)Attempts, DateTimeOffset.FromUnixTimeMilliseconds(DeadAt), Error, Envelope);
}
