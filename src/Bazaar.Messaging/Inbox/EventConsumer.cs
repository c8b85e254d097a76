using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Background;
using Bazaar.Platform.Data;

namespace Bazaar.Messaging.Inbox;

/// <summary>Reads one stream for one consumer group and hands each event, in order, to the
/// group's handler through the inbox. The offset moves past an event only once it was handled
/// or dead-lettered, so an event is never acknowledged while its handler is failing.</summary>
/// <remarks>A round makes at most one handler attempt per event and never waits inside a batch:
/// a failure ends the round without committing, and the event is tried again by a later round
/// once its back-off has passed. Every round starts with a fetch, which renews the transport's
/// lease, so the consumer never works on a partition it may have lost to a standby replica.</remarks>
public sealed class EventConsumer(
    Database database, IEventTransport transport, IEventHandler handler, ConsumerOptions options, TimeProvider time, ILogger<EventConsumer> logger)
    : BackgroundService
{
    // Failed attempts of the events this consumer is retrying. In memory on purpose: after a
    // restart or a move of the partition the count starts again, which only delays a dead letter.
    // One consumer serves one group, so the event id is the key.
    private readonly Dictionary<string, RetryState> _retries = [];

    /// <summary>Fetches one batch and handles it; answers how many events were processed
    /// (handled, skipped as duplicates or dead-lettered). Zero also when the first event is
    /// waiting out its back-off or its attempt just failed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var fetchedAt = time.GetTimestamp();
        var events = await transport.FetchAsync(options.Stream, options.Group, options.Consumer, options.BatchSize, cancellationToken);
        ForgetEventsNoLongerHeld(events);
        var processed = 0;
        foreach (var item in events)
        {
            // Later events wait: the commit covers them all, and per-subject order matters.
            if (_retries.TryGetValue(item.Envelope.Id, out var retry) && retry.NotBefore > time.GetUtcNow()) break;
            if (!await TryProcessAsync(item, retry.Attempts, cancellationToken)) break;
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
    /// <remarks>It also polls while an event waits out its back-off: fetching keeps the lease.</remarks>
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PollingLoop.RunAsync(async token => await RunOnceAsync(token) > 0, options.PollInterval, time,
            // The transport or the database failed, not a handler: nothing was committed past the
            // failure, so the next round resumes where this one stopped.
            exception => logger.LogError(exception, "Consumer {Group} on {Stream} failed a round", options.Group, options.Stream),
            stoppingToken);

    /// <summary>One handler attempt; false when it failed and the event stays uncommitted.</summary>
    private async Task<bool> TryProcessAsync(TransportEvent item, int failedBefore, CancellationToken cancellationToken)
    {
        var attempt = failedBefore + 1;
        try
        {
            await Inbox.HandleAsync(database, options.Group, handler, item.Envelope, time, cancellationToken);
            _retries.Remove(item.Envelope.Id);
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            if (attempt >= options.MaxAttempts)
            {
                logger.LogError(exception, "Event {EventId} ({Type}) failed {Attempts} times in {Group}; dead-lettered",
                    item.Envelope.Id, item.Envelope.Type, attempt, options.Group);
                await DeadLetterStore.AddAsync(database, options.Group, item.Envelope, exception, attempt, time, cancellationToken);
                _retries.Remove(item.Envelope.Id);
                return true;
            }

            var delay = Backoff.Delay(attempt, options.RetryInitial, options.RetryMax);
            logger.LogWarning(exception, "Event {EventId} ({Type}) failed attempt {Attempt} in {Group}; retrying in {Delay}",
                item.Envelope.Id, item.Envelope.Type, attempt, options.Group, delay);
            _retries[item.Envelope.Id] = new RetryState(attempt, time.GetUtcNow() + delay);
            return false;
        }
    }

    /// <summary>Drops the counts of events the fetch no longer answers (handled elsewhere after a
    /// partition moved), so the map stays as small as one batch.</summary>
    private void ForgetEventsNoLongerHeld(IReadOnlyList<TransportEvent> events)
    {
        if (_retries.Count == 0) return;
        var fetched = events.Select(item => item.Envelope.Id).ToHashSet();
        foreach (var id in _retries.Keys.Where(id => !fetched.Contains(id)).ToList()) _retries.Remove(id);
    }

    private readonly record struct RetryState(int Attempts, DateTimeOffset NotBefore);
}
