using Bazaar.Messaging.Transport;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Purchases;

namespace Bazaar.Recommendations.Rebuild;

/// <summary>A full rebuild from the event log in two steps on two databases: the clear (service
/// database), which also records the intent to rewind, then the rewind (event log), after which
/// the intent is cleared. A crash, or a failed rewind, between the two leaves the intent, and
/// <see cref="ResumeAsync"/> (every refresher tick) rewinds again. Rewinding twice is harmless:
/// every event handled after the clear has an inbox row again, so a second replay skips it.</summary>
internal sealed partial class ModelRebuild(ModelStore store, IEventTransport transport, ILogger<ModelRebuild> logger)
{
    public const string Stream = "orders";

    /// <summary>Clears the counts and rewinds <see cref="OrderPaidHandler.Group"/> to the start of
    /// <see cref="Stream"/>. The new generation's lists replace the old ones once the group has
    /// reached the stream's current head. A failed rewind is logged and left to <see cref="ResumeAsync"/>.</summary>
    /// <exception cref="EventLogUnavailableException">The stream's head could not be read; nothing was cleared.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Read before the clear: every event up to here is replayed, and events after it are
        // handled as they come, before or after the swap.
        long head;
        try
        {
            head = await transport.HeadAsync(Stream, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new EventLogUnavailableException(exception);
        }
        var generation = await store.ClearAsync(OrderPaidHandler.Group, head, cancellationToken);
        try
        {
            await RewindAsync(generation, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogRewindFailed(exception, generation);
        }
    }

    /// <summary>Completes a rebuild whose rewind did not happen (the process stopped, or the event
    /// log failed, after the clear); failures are logged and tried again on the next call.</summary>
    public async Task ResumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await store.PendingRewindAsync(cancellationToken) is { } generation) await RewindAsync(generation, cancellationToken);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogResumeFailed(exception);
        }
    }

    private async Task RewindAsync(long generation, CancellationToken cancellationToken)
    {
        await transport.RewindAsync(Stream, OrderPaidHandler.Group, 0, cancellationToken);
        await store.RewoundAsync(generation, cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "The counts of rebuild {Generation} were cleared but the rewind failed; the model refresher rewinds again.")]
    private partial void LogRewindFailed(Exception exception, long generation);

    [LoggerMessage(LogLevel.Warning, "A pending rebuild could not be rewound; trying again on the next refresh.")]
    private partial void LogResumeFailed(Exception exception);
}

/// <summary>The event log could not be read before a rebuild; nothing was changed.</summary>
internal sealed class EventLogUnavailableException(Exception inner) : Exception("The event log could not be read.", inner);
