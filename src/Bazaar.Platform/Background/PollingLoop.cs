namespace Bazaar.Platform.Background;

/// <summary>The loop of a background worker that polls for work (an outbox relay, an event
/// consumer, a saga runner): run a round; when it found nothing more to do, or failed, wait the
/// poll interval; a failed round is reported and the loop goes on, so the worker never dies of
/// one bad round. It ends when <c>stoppingToken</c> is cancelled.</summary>
public static class PollingLoop
{
    /// <param name="round">One round; answers true when there may be more work right away.</param>
    /// <param name="failed">Told about a round that threw (anything but the shutdown's cancellation).</param>
    public static async Task RunAsync(
        Func<CancellationToken, Task<bool>> round, TimeSpan pollInterval, TimeProvider time, Action<Exception> failed, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(failed);
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await round(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failed(exception);
            }

            if (!more)
            {
                try { await Task.Delay(pollInterval, time, stoppingToken); }
                catch (OperationCanceledException) { return; }
            }
        }
    }
}
