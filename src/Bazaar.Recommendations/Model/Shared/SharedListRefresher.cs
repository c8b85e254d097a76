using Bazaar.Recommendations.Rebuild;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>Keeps the lists current when they are shared through Redis, every
/// <see cref="RecommendationOptions.RefreshInterval"/>: completes a pending rebuild's rewind (on
/// every replica, as <see cref="ModelRefresher"/> does), then, on the one replica that holds the
/// lease (<see cref="ListLease"/>), brings the lists up to the counts (<see cref="ModelCache"/>)
/// and publishes them (<see cref="ListPublisher"/>), and finally syncs this replica's mirror
/// (<see cref="ListMirror"/>), which is what every replica, the builder too, answers from.
/// Replicas that do not build never read the counts.</summary>
internal sealed partial class SharedListRefresher(
    ListLease lease, ListPublisher publisher, ListMirror mirror, ModelRebuild rebuild, IModelSource source,
    IOptions<RecommendationOptions> options, TimeProvider time, ILoggerFactory loggers, ILogger<SharedListRefresher> logger) : BackgroundService
{
    // The lists built from the counts during this replica's current term as builder; null when it does not build.
    private volatile ModelCache? _builder;
    private bool _failing; // only the loop reads it: one log line when failing starts, one when it ends

    /// <summary>Whether this replica held the builder's lease at its last refresh.</summary>
    public bool IsBuilder => _builder is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        try
        {
            do
            {
                await rebuild.ResumeAsync(stoppingToken);
                await RefreshAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            _builder?.Dispose();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            await BuildAsync(cancellationToken);
            await mirror.SyncAsync();
            if (_failing) LogRecovered();
            _failing = false;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Requests keep answering from the mirror; readiness reports Redis (its own check).
            if (!_failing) LogFailing(exception);
            _failing = true;
        }
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var term = await lease.HoldAsync();
        if (term == LeaseTerm.None)
        {
            if (_builder is null) return;
            LogLeaseLost();
            _builder.Dispose();
            _builder = null;
            return;
        }
        if (term == LeaseTerm.Acquired || _builder is null)
        {
            // A new term starts from the counts, whatever this replica built in an earlier one:
            // others built and pruned meanwhile.
            _builder?.Dispose();
            _builder = new ModelCache(source, options, loggers.CreateLogger<ModelCache>());
            publisher.Forget();
            LogLeaseTaken(lease.Owner);
        }
        await _builder.RefreshAsync(cancellationToken);
        // Only a complete generation is published: until then the lists in Redis keep serving.
        if (_builder.IsLoaded) await publisher.PublishAsync(_builder.Current, _builder.Views, _builder.Generation);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await lease.ReleaseAsync().WaitAsync(cancellationToken); // the next builder need not wait for the lease to expire
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException or OperationCanceledException)
        {
            LogNotReleased(exception);
        }
    }

    [LoggerMessage(LogLevel.Information, "This replica ({Owner}) now builds the recommendation lists and publishes them to Redis.")]
    private partial void LogLeaseTaken(string owner);

    [LoggerMessage(LogLevel.Information, "Another replica holds the builder's lease now; this one only mirrors the lists.")]
    private partial void LogLeaseLost();

    [LoggerMessage(LogLevel.Warning, "The shared recommendation lists could not be built or synced (is Redis down?); answering from the last lists synced until they can.")]
    private partial void LogFailing(Exception exception);

    [LoggerMessage(LogLevel.Information, "The shared recommendation lists are synced again.")]
    private partial void LogRecovered();

    [LoggerMessage(LogLevel.Warning, "The builder's lease could not be released; it expires on its own.")]
    private partial void LogNotReleased(Exception exception);
}
