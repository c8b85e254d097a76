using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Messaging.Outbox;

/// <summary>Publishes committed outbox rows through the transport, in batches and in outbox order,
/// at least once. A failed publish is retried with capped exponential back-off, for ever.</summary>
/// <remarks>Several replicas of a service may relay the same rows at once; the transport ignores an
/// event id it already has, so that costs a duplicate write, never a duplicate event.</remarks>
public sealed class OutboxRelay(Database database, IEventTransport transport, TimeProvider time, IOptions<OutboxOptions> options, ILogger<OutboxRelay> logger)
    : BackgroundService
{
    private readonly OutboxOptions _options = options.Value;

    /// <summary>Publishes one batch of due rows; answers how many were published.</summary>
    public async Task<int> RelayOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var pending = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT seq AS Seq, stream AS Stream, envelope AS Envelope, attempts AS Attempts, next_attempt_at AS NextAttemptAt
            FROM outbox WHERE published_at IS NULL ORDER BY seq LIMIT @limit
            """,
            new { limit = _options.BatchSize }, cancellationToken: cancellationToken))).ToList();

        // Only the due prefix: publishing a newer row before an older one that is waiting out its
        // back-off would break per-subject order.
        var due = pending.TakeWhile(row => row.NextAttemptAt <= now).ToList();
        var published = 0;
        foreach (var run in Runs(due))
        {
            try
            {
                await transport.PublishAsync(run[0].Stream, run.Select(row => CloudEvent.Parse(row.Envelope)).ToList(), cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Publishing {Count} outbox events to {Stream} failed; retrying later", due.Count - published, run[0].Stream);
                await ScheduleRetryAsync(connection, due.Skip(published), now, exception.Message, cancellationToken);
                return published;
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET published_at = @now, last_error = NULL WHERE seq IN @seqs",
                new { now, seqs = run.Select(row => row.Seq).ToArray() }, cancellationToken: cancellationToken));
            published += run.Count;
        }

        return published;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var published = 0;
            try
            {
                published = await RelayOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database itself failed (locked, disk): keep the relay alive and try again.
                logger.LogError(exception, "Outbox relay round failed");
            }

            if (published < _options.BatchSize)
            {
                try { await Task.Delay(_options.PollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ScheduleRetryAsync(System.Data.Common.DbConnection connection, IEnumerable<OutboxRow> rows, long now, string error, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            var attempts = (int)Math.Min(row.Attempts + 1, int.MaxValue);
            var next = now + (long)Backoff.Delay(attempts, _options.RetryInitial, _options.RetryMax).TotalMilliseconds;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox SET attempts = @attempts, next_attempt_at = @next, last_error = @error WHERE seq = @seq",
                new { attempts, next, error, seq = row.Seq }, transaction, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
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

    private sealed class OutboxRow
    {
        public long Seq { get; init; }
        public string Stream { get; init; } = "";
        public string Envelope { get; init; } = "";
        public long Attempts { get; init; }
        public long NextAttemptAt { get; init; }
    }
}
