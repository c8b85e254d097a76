using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;

namespace Bazaar.Messaging.Inbox;

/// <summary>Reads one stream for one consumer group and hands each event, in order, to the
/// group's handler through the inbox. The offset moves past an event only once it was handled
/// or dead-lettered, so an event is never acknowledged while its handler is failing.</summary>
public sealed class EventConsumer(
    Database database, IEventTransport transport, IEventHandler handler, ConsumerOptions options, TimeProvider time, ILogger<EventConsumer> logger)
    : BackgroundService
{
    /// <summary>Fetches one batch and handles it; answers how many events were processed
    /// (handled, skipped as duplicates or dead-lettered).</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var fetchedAt = time.GetTimestamp();
        var events = await transport.FetchAsync(options.Stream, options.Group, options.Consumer, options.BatchSize, cancellationToken);
        var processed = 0;
        foreach (var item in events)
        {
            await ProcessAsync(item, cancellationToken);
            // Commit per event: a crash redelivers at most the event in hand, which the inbox skips.
            await transport.CommitAsync(options.Stream, options.Group, options.Consumer, item.Position, cancellationToken);
            processed++;
            // Fetching again renews the transport's lease; a batch that outlived it could be
            // fetched by a standby replica at the same time.
            if (time.GetElapsedTime(fetchedAt) >= options.MaxBatchTime) break;
        }

        return processed;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var processed = 0;
            try
            {
                processed = await RunOnceAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The transport or the database failed, not a handler: nothing was committed past
                // the failure, so the next round resumes where this one stopped.
                logger.LogError(exception, "Consumer {Group} on {Stream} failed a round", options.Group, options.Stream);
            }

            if (processed == 0)
            {
                try { await Task.Delay(options.PollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }

    private async Task ProcessAsync(TransportEvent item, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Inbox.HandleAsync(database, options.Group, handler, item.Envelope, time, cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    logger.LogError(exception, "Event {EventId} ({Type}) failed {Attempts} times in {Group}; dead-lettered",
                        item.Envelope.Id, item.Envelope.Type, attempt, options.Group);
                    await DeadLetterStore.AddAsync(database, options.Group, item.Envelope, exception, attempt, time, cancellationToken);
                    return;
                }

                logger.LogWarning(exception, "Event {EventId} ({Type}) failed attempt {Attempt} in {Group}; retrying",
                    item.Envelope.Id, item.Envelope.Type, attempt, options.Group);
                await Task.Delay(Backoff.Delay(attempt, options.RetryInitial, options.RetryMax), time, cancellationToken);
            }
        }
    }
}
