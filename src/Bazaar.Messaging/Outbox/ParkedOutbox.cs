using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Messaging.Outbox;

/// <summary>The outbox rows the relay parked, for an operator to list, re-arm or discard. Parked
/// and discarded rows are kept in the table, never deleted.</summary>
public sealed class ParkedOutbox(Database database, TimeProvider time)
{
    // Parked and not discarded: the rows that hold back the later rows of their subject.
    private const string Parked = "parked_at IS NOT NULL AND discarded_at IS NULL AND published_at IS NULL";

    /// <summary>Parked rows, oldest first.</summary>
    public async Task<IReadOnlyList<ParkedOutboxEvent>> ListAsync(int limit = 100, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ParkedOutboxRow>(
            $"""
            SELECT seq AS Seq, id AS EventId, stream AS Stream, subject AS Subject, attempts AS Attempts, created_at AS CreatedAt,
                   parked_at AS ParkedAt, last_error AS LastError, envelope AS Envelope
            FROM outbox WHERE {Parked} ORDER BY seq LIMIT @limit
            """,
            new { limit, cancellationToken });
        return rows.Select(row => row.ToEvent()).ToList();
    }

    /// <summary>Puts a parked row back in play with a fresh count of attempts; the relay tries it
    /// on its next round. False when <paramref name="seq"/> is not a parked row.</summary>
    public async Task<bool> RetryAsync(long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE outbox SET parked_at = NULL, attempts = 0, next_attempt_at = @now WHERE seq = @seq AND {Parked}",
            new { seq, now = time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken }) == 1;
    }

    /// <summary>Gives up on a parked row for good, so the later rows of its subject flow again; the
    /// row stays in the table (with its envelope and error) and leaves the parked list. False when
    /// <paramref name="seq"/> is not a parked row.</summary>
    public async Task<bool> DiscardAsync(long seq, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            $"UPDATE outbox SET discarded_at = @now WHERE seq = @seq AND {Parked}",
            new { seq, now = time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken }) == 1;
    }
}
