using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Background;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Outbox;

/// <summary>Publishes committed outbox rows through the transport, in batches and in outbox order,
/// at least once. A failed row is retried with capped exponential back-off and parked after
/// <see cref="OutboxOptions.MaxAttempts"/> failures; only the later rows of its own subject wait
/// for it, so one row that cannot be published never holds back the other subjects.</summary>
/// <remarks>Several replicas of a service may relay the same rows at once; the transport ignores an
/// event id it already has, so that costs a duplicate write, never a duplicate event.</remarks>
public sealed class OutboxRelay(Database database, IEventTransport transport, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    // A row is ready when it is due, not parked, and no earlier row of its (stream, subject) is
    // still blocked (waiting out a back-off, or parked and neither re-armed nor discarded):
    // per-subject order is the promise, so a blocked row holds back its own subject only.
    // Earlier rows of the subject that are ready themselves come first in the same batch.
    private const string ReadySql = """
        SELECT o.seq AS Seq, o.stream AS Stream, o.subject AS Subject, o.envelope AS Envelope, o.attempts AS Attempts
        FROM outbox o
        WHERE o.published_at IS NULL AND o.parked_at IS NULL AND o.next_attempt_at <= @now
          AND NOT EXISTS (
            SELECT 1 FROM outbox b
            WHERE b.published_at IS NULL AND b.stream = o.stream AND b.subject = o.subject AND b.seq < o.seq
              AND b.discarded_at IS NULL AND (b.parked_at IS NOT NULL OR b.next_attempt_at > @now))
        ORDER BY o.seq LIMIT @limit
        """;

    private readonly OutboxOptions _options = options.Value;

    /// <summary>Publishes one batch of ready rows; answers how many were published.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var ready = (await connection.QueryAsync<OutboxRow>(
            ReadySql, new { now, limit = _options.BatchSize, cancellationToken })).ToList();

        // (stream, subject) pairs with a failed row this round: their later rows must not overtake it.
        var blocked = new HashSet<(string Stream, string Subject)>();
        var published = 0;
        foreach (var run in Runs(ready))
        {
            var open = run.Where(row => !blocked.Contains((row.Stream, row.Subject))).ToList();
            if (open.Count > 0) published += await PublishRunAsync(connection, open, now, blocked, cancellationToken);
        }

        return published;
    }

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async token => await RelayOnceAsync(token) >= _options.BatchSize, _options.PollInterval, time,
            // The database itself failed (locked, disk): keep the relay alive and try again.
            exception => logger.LogError(exception, "Outbox relay round failed"),
            stoppingToken);

    /// <summary>One publish call for the run; when it fails, row by row, so the row that cannot
    /// be published is found and only its subject waits.</summary>
    private async Task<int> PublishRunAsync(DbConnection connection, List<OutboxRow> run, long now, HashSet<(string, string)> blocked, CancellationToken cancellationToken)
    {
        try
        {
            await transport.PublishAsync(run[0].Stream, run.Select(row => CloudEvent.Parse(row.Envelope)).ToList(), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (run.Count == 1)
            {
                await RecordFailureAsync(connection, run[0], now, exception, blocked, cancellationToken);
                return 0;
            }

            logger.LogWarning(exception, "Publishing {Count} outbox events to {Stream} failed; trying them one by one", run.Count, run[0].Stream);
            return await PublishOneByOneAsync(connection, run, now, blocked, cancellationToken);
        }

        await MarkPublishedAsync(connection, run, now, cancellationToken);
        return run.Count;
    }

    private async Task<int> PublishOneByOneAsync(DbConnection connection, List<OutboxRow> run, long now, HashSet<(string, string)> blocked, CancellationToken cancellationToken)
    {
        var published = 0;
        foreach (var row in run)
        {
            if (blocked.Contains((row.Stream, row.Subject))) continue;
            try
            {
                await transport.PublishAsync(row.Stream, [CloudEvent.Parse(row.Envelope)], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                await RecordFailureAsync(connection, row, now, exception, blocked, cancellationToken);
                continue;
            }

            await MarkPublishedAsync(connection, [row], now, cancellationToken);
            published++;
        }

        return published;
    }

    private Task MarkPublishedAsync(DbConnection connection, List<OutboxRow> rows, long now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "UPDATE outbox SET published_at = @now, last_error = NULL WHERE seq IN @seqs",
            new { now, seqs = rows.Select(row => row.Seq).ToArray(), cancellationToken });

    private async Task RecordFailureAsync(DbConnection connection, OutboxRow row, long now, Exception error, HashSet<(string, string)> blocked, CancellationToken cancellationToken)
    {
        blocked.Add((row.Stream, row.Subject));
        var attempts = (int)Math.Min(row.Attempts + 1, int.MaxValue);
        var next = now + (long)Backoff.Delay(attempts, _options.RetryInitial, _options.RetryMax).TotalMilliseconds;
        var parked = attempts >= _options.MaxAttempts;
        await connection.ExecuteAsync(
            "UPDATE outbox SET attempts = @attempts, next_attempt_at = @next, last_error = @error, parked_at = @parkedAt WHERE seq = @seq",
            new { attempts, next, error = error.Message, parkedAt = parked ? now : (long?)null, seq = row.Seq, cancellationToken });
        if (parked)
        {
            logger.LogError(error, "Outbox row {Seq} ({Stream}, subject {Subject}) failed {Attempts} times and is parked; later rows of its subject wait until it is re-armed or discarded",
                row.Seq, row.Stream, row.Subject, attempts);
        }
        else
        {
            logger.LogWarning(error, "Outbox row {Seq} ({Stream}) failed attempt {Attempt}; retrying later", row.Seq, row.Stream, attempts);
        }
    }

    /// <summary>Consecutive rows of one stream, so each publish call keeps outbox order.</summary>
    private static IEnumerable<List<OutboxRow>> Runs(List<OutboxRow> rows)
    {
        var run = new List<OutboxRow>();
        foreach (var row in rows)
        {
            if (run.Count > 0 && run[0].Stream != row.Stream)
            {
                yield return run;
                run = [];
            }

            run.Add(row);
        }

        if (run.Count > 0) yield return run;
    }

    internal sealed class OutboxRow
    {
        public long Seq { get; init; }
        public string Stream { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Envelope { get; init; } = "";
        public long Attempts { get; init; }
    }
}
