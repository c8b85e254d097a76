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
/// Replicas that do not build never read the counts. While it builds, a loop of its own renews
/// the lease. A builder that fails <see cref="FailuresBeforeGivingUp"/> refreshes in a row gives
/// the lease up, so that another replica can build.</summary>
internal sealed partial class SharedListRefresher(
    ListLease lease, ListPublisher publisher, ListMirror mirror, ModelRebuild rebuild, IModelSource source,
    IOptions<RecommendationOptions> options, IOptions<RedisListOptions> redisOptions, TimeProvider time, ILoggerFactory loggers, ILogger<SharedListRefresher> logger) : BackgroundService
{
    public const int FailuresBeforeGivingUp = 3;

    // The lists built from the counts during this replica's current term as builder; null when it does not build.
    private volatile ModelCache? _builder;

    // Only the refresh loop touches these.
    private bool _buildFailing; // one log line when failing starts, one when it ends
    private bool _syncFailing;
    private int _builderFailures; // failed refreshes in a row in this term as builder

    /// <summary>Whether this replica held the builder's lease at its last refresh.</summary>
    public bool IsBuilder => _builder is not null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var renewing = RenewLeaseAsync(renewal.Token);
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
            await renewal.CancelAsync();
            await renewing;
            _builder?.Dispose();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        // Two steps that fail apart: a builder that cannot publish (Redis out of memory, a timeout)
        // still takes in what Redis holds, and a failed sync does not stop the build.
        try
        {
            await BuildAsync(cancellationToken);
            _builderFailures = 0;
            if (_buildFailing) LogBuildRecovered();
            _buildFailing = false;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            if (!_buildFailing) LogBuildFailing(exception);
            _buildFailing = true;
            // Holding on to the lease would freeze the lists on every replica.
            if (_builder is not null && ++_builderFailures >= FailuresBeforeGivingUp) await GiveUpAsync();
        }
        try
        {
            await mirror.SyncAsync();
            if (_syncFailing) LogSyncRecovered();
            _syncFailing = false;
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // Requests keep answering from the mirror; /health/ready reports Redis (its own check).
            if (!_syncFailing) LogSyncFailing(exception);
            _syncFailing = true;
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
            _builderFailures = 0;
            publisher.Forget();
            LogLeaseTaken(lease.Owner);
        }
        await _builder.RefreshAsync(cancellationToken);
        // Only a complete generation is published: until then the lists in Redis keep serving.
        if (_builder.IsLoaded) await publisher.PublishAsync(_builder.Current, _builder.Views, _builder.Generation);
    }

    /// <summary>Drops this term's lists and releases the lease. Another replica most likely takes
    /// it first: each tries every refresh, and this one only a whole refresh interval later.</summary>
    private async Task GiveUpAsync()
    {
        LogGivingUp(_builderFailures);
        _builder?.Dispose();
        _builder = null;
        try
        {
            await lease.ReleaseAsync();
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogNotReleased(exception);
        }
    }

    /// <summary>Renews the lease about three times per <see cref="RedisListOptions.LeaseDuration"/>
    /// while this replica builds, whatever the build is doing: one refresh (a new builder loading
    /// every count and publishing them all) can outlast the lease, and a lease lost meanwhile would
    /// refuse that publish and start the next term from nothing again. It only renews: taking the
    /// lease starts a term, which is the refresh's to do.</summary>
    private async Task RenewLeaseAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(redisOptions.Value.LeaseDuration / 3, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (_builder is null) continue;
                try
                {
                    await lease.RenewAsync(); // false: another replica has it; the next refresh finds out
                }
                catch (Exception exception) when (exception is RedisException or TimeoutException)
                {
                    // The refresh reports Redis trouble, and gives the lease up if it lasts.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // stopped with the refresh loop
        }
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

    [LoggerMessage(LogLevel.Warning, "The shared recommendation lists could not be built and published (or the builder's lease could not be checked; is Redis down?); trying again each refresh.")]
    private partial void LogBuildFailing(Exception exception);

    [LoggerMessage(LogLevel.Information, "Building and publishing the shared recommendation lists works again.")]
    private partial void LogBuildRecovered();

    [LoggerMessage(LogLevel.Warning, "This replica gives the builder's lease up after {Failures} failed refreshes in a row, so that another one builds the recommendation lists.")]
    private partial void LogGivingUp(int failures);

    [LoggerMessage(LogLevel.Warning, "The shared recommendation lists could not be synced from Redis (is Redis down?); answering from the last lists synced until they can.")]
    private partial void LogSyncFailing(Exception exception);

    [LoggerMessage(LogLevel.Information, "The shared recommendation lists are synced from Redis again.")]
    private partial void LogSyncRecovered();

    [LoggerMessage(LogLevel.Warning, "The builder's lease could not be released; it expires on its own.")]
    private partial void LogNotReleased(Exception exception);
}
