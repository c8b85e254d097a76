namespace Bazaar.Messaging.Outbox;

/// <summary>An outbox row the relay gave up on: what it is, how often it failed and why.</summary>
public sealed record ParkedOutboxEvent(
    long Seq, string EventId, string Stream, string Subject, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset ParkedAt, string? LastError, string Envelope);

/// <summary>A parked row as Dapper reads it (a class: SQLite types columns per value).</summary>
internal sealed class ParkedOutboxRow
{
    public long Seq { get; init; }
    public string EventId { get; init; } = "";
    public string Stream { get; init; } = "";
    public string Subject { get; init; } = "";
    public long Attempts { get; init; }
    public long CreatedAt { get; init; }
    public long ParkedAt { get; init; }
    public string? LastError { get; init; }
    public string Envelope { get; init; } = "";

    public ParkedOutboxEvent ToEvent() => new(
        Seq, EventId, Stream, Subject, (int)Attempts, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAt),
        DateTimeOffset.FromUnixTimeMilliseconds(ParkedAt), LastError, Envelope);
}
