using Bazaar.Host.Configuration;
using Bazaar.Host.Lifecycle;
using Bazaar.Host.Metrics;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Autoscaling;

/// <summary>The horizontal pod autoscaling controller: once every replica set has started, one
/// loop per autoscaled deployment decides every sync period (Bazaar:Autoscaler:SyncPeriodSeconds).</summary>
internal sealed class AutoscalingController(
    IOptions<BazaarHostOptions> options,
    ControlPlane controlPlane,
    ReplicaMetricsReader metricsReader,
    AutoscalingMetrics metrics,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<AutoscalingController>();
    private volatile IReadOnlyList<Autoscaler> _autoscalers = [];

    /// <summary>Every autoscaler, by deployment name.</summary>
    public IReadOnlyList<Autoscaler> Autoscalers => _autoscalers;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The replica sets exist once the Host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            await started.Task.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var settings = options.Value;
        _autoscalers = [.. controlPlane.Deployments.Values
            .Where(deployment => deployment.Options.Autoscaling is not null)
            .OrderBy(deployment => deployment.Name, StringComparer.Ordinal)
            .Select(deployment => new Autoscaler(
                deployment,
                new HorizontalPodAutoscaler(HpaSpecFactory.Create(deployment.Options, settings.Autoscaler).Spec!),
                new ReplicaSampler(deployment.Options.Autoscaling!.Metric?.Name, metricsReader),
                settings.Autoscaler.DecisionsKept,
                metrics,
                _logger))];
        foreach (var autoscaler in _autoscalers)
        {
            _logger.LogInformation("Autoscaling {Deployment}: {Min} to {Max} replicas at {Target}% of {Request}m CPU, deciding every {Period} s",
                autoscaler.Deployment.Name, autoscaler.Spec.MinReplicas, autoscaler.Spec.MaxReplicas,
                autoscaler.Spec.TargetCpuUtilizationPercent, autoscaler.Spec.CpuRequestMillicores, settings.Autoscaler.SyncPeriodSeconds);
        }
        await Task.WhenAll(_autoscalers.Select(autoscaler => RunAsync(autoscaler, settings.Autoscaler.SyncPeriod, stoppingToken)));
    }

    private async Task RunAsync(Autoscaler autoscaler, TimeSpan period, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await autoscaler.SyncAsync(time.GetUtcNow(), stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // One bad sync must not end autoscaling; the next period tries again.
                    _logger.LogError(exception, "Autoscaling {Deployment} failed this period", autoscaler.Deployment.Name);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The Host is stopping.
        }
    }
}
