namespace Bazaar.Recommendations.Views;

/// <summary>Writes queued views in batches of up to <see cref="ViewRecorder.BatchSize"/>, one
/// transaction each. Best effort: a batch the database refuses is logged and lost, as are the views
/// still queued when the process stops.</summary>
internal sealed partial class ViewWriter(ViewQueue queue, ViewRecorder recorder, ILogger<ViewWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                try
                {
                    await recorder.WriteQueuedAsync(stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogLost(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: what is still queued is lost (best effort)
        }
    }

    [LoggerMessage(LogLevel.Warning, "A batch of views could not be written and is lost.")]
    private partial void LogLost(Exception exception);
}
