using Bazaar.Messaging.Envelope;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Messaging.DeadLetters;

/// <summary>Events whose handler kept failing, kept in the service's database to be listed,
/// inspected and replayed through the same inbox path as a live delivery.</summary>
public sealed class DeadLetterStore(Database database, IEnumerable<EventSubscription> subscriptions, TimeProvider time)
{
    /// <summary>The newest dead letters first, optionally of one group.</summary>
    public async Task<IReadOnlyList<DeadLetterSummary>> ListAsync(string? group = null, int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<DeadLetterRow>(
            $"SELECT {DeadLetterRow.Columns} FROM dead_letters WHERE @group IS NULL OR consumer_group = @group ORDER BY id DESC LIMIT @limit",
            new { group, limit, cancellationToken });
        return rows.Select(row => row.ToSummary()).ToList();
    }

    /// <summary>One dead letter, or null when there is none with this id.</summary>
    public async Task<DeadLetter?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await FindAsync(id, cancellationToken);
        return row?.ToDeadLetter();
    }

    /// <summary>Handles the dead letter again through its group's inbox. On success (or when the
    /// group handled the event meanwhile) the letter is removed; on failure it stays with the
    /// new error and one more attempt. Null when there is no such letter.</summary>
    /// <exception cref="InvalidOperationException">No handler is registered for the letter's group.</exception>
    public async Task<ReplayResult?> ReplayAsync(long id, CancellationToken cancellationToken = default)
    {
        var row = await FindAsync(id, cancellationToken);
        if (row is null) return null;
        var handler = subscriptions.FirstOrDefault(subscription => subscription.Group == row.Group)?.Handler
            ?? throw new InvalidOperationException($"No event handler is registered for consumer group '{row.Group}'.");

        bool handled;
        try
        {
            handled = await Inbox.Inbox.HandleAsync(database, row.Group, handler, CloudEvent.Parse(row.Envelope), time, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteAsync(
                "UPDATE dead_letters SET attempts = attempts + 1, error = @error, dead_at = @now WHERE id = @id",
                new { id, error = exception.ToString(), now = time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken });
            return new ReplayResult(id, "failed", exception.Message);
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync("DELETE FROM dead_letters WHERE id = @id", new { id, cancellationToken });
        }

        return new ReplayResult(id, handled ? "handled" : "duplicate", null);
    }

    /// <summary>Parks an event that failed <paramref name="attempts"/> times. Idempotent per
    /// (group, event): a redelivery that fails again refreshes the letter.</summary>
    internal static async Task AddAsync(Database database, string group, CloudEvent envelope, Exception error, int attempts, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            INSERT INTO dead_letters (consumer_group, event_id, type, subject, envelope, error, attempts, dead_at)
            VALUES (@group, @id, @type, @subject, @envelope, @error, @attempts, @now)
            ON CONFLICT (consumer_group, event_id) DO UPDATE SET
                error = excluded.error, attempts = dead_letters.attempts + excluded.attempts, dead_at = excluded.dead_at
            """,
            new
            {
                group, id = envelope.Id, type = envelope.Type, subject = envelope.Subject, envelope = envelope.ToJson(),
                error = error.ToString(), attempts, now = time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken,
            });
    }

    private async Task<DeadLetterRow?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<DeadLetterRow>(
            $"SELECT {DeadLetterRow.Columns} FROM dead_letters WHERE id = @id", new { id, cancellationToken });
    }
}
