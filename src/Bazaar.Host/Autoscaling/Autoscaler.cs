using System.Globalization;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Autoscaling;

/// <summary>One deployment's autoscaler at work: each sync it samples the replicas, asks the HPA
/// algorithm, applies the decision through the replica set and keeps it to be shown.</summary>
internal sealed class Autoscaler(
    Deployment deployment,
    HorizontalPodAutoscaler algorithm,
    ReplicaSampler sampler,
    int decisionsKept,
    AutoscalingMetrics metrics,
    ILogger logger)
{
    private readonly Lock _lock = new();
    private readonly Queue<ScaleDecision> _decisions = new();
    private DateTimeOffset? _lastScaleTime;

    public Deployment Deployment => deployment;

    public HpaSpec Spec => algorithm.Spec;

    /// <summary>One sync period's work; answers the decision it applied, or null while a rollout
    /// is replacing the replicas. (A cluster's HPA keeps scaling during a rollout; locally the
    /// rollout owns the counts until it ends, which keeps its arithmetic exact. Rollouts are short.)</summary>
    public async Task<ScaleDecision?> SyncAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (deployment.Incoming is not null)
        {
            logger.LogDebug("{Deployment}: a rollout is under way; not autoscaled this period", deployment.Name);
            return null;
        }
        var replicas = deployment.Current.Observe();
        var pods = await sampler.SampleAsync(replicas, now, cancellationToken);
        var decision = algorithm.Evaluate(now, replicas.Count, pods);
        Remember(decision);
        metrics.Decided(deployment.Name, decision);
        if (!decision.Rescale)
        {
            logger.LogDebug("{Deployment}: {Replicas} replicas kept ({Reason}: {Message}; {Metrics})",
                deployment.Name, decision.CurrentReplicas, decision.Reason, decision.Message, Describe(decision));
            return decision;
        }
        logger.LogInformation("{Deployment} scaled from {Current} to {Desired} replicas ({Reason}: {Message}; {Metrics})",
            deployment.Name, decision.CurrentReplicas, decision.DesiredReplicas, decision.Reason, decision.Message, Describe(decision));
        if (!await deployment.ScaleAsync(decision.DesiredReplicas, cancellationToken))
        {
            logger.LogInformation("{Deployment}: a rollout began meanwhile; the decision is not applied", deployment.Name);
            return null;
        }
        lock (_lock)
        {
            _lastScaleTime = now;
        }
        return decision;
    }

    /// <summary>The decisions kept, newest last, and when the count last changed.</summary>
    public (IReadOnlyList<ScaleDecision> Decisions, DateTimeOffset? LastScaleTime) History()
    {
        lock (_lock)
        {
            return ([.. _decisions], _lastScaleTime);
        }
    }

    private void Remember(ScaleDecision decision)
    {
        lock (_lock)
        {
            _decisions.Enqueue(decision);
            while (_decisions.Count > decisionsKept)
            {
                _decisions.Dequeue();
            }
        }
    }

    /// <summary>"cpu 250% (target 70%) → 4", as a person reads a decision in the log.</summary>
    private static string Describe(ScaleDecision decision) => decision.Metrics.Count == 0
        ? "metrics not consulted"
        : string.Join(", ", decision.Metrics.Select(metric => string.Create(CultureInfo.InvariantCulture,
            $"{metric.Metric} {Value(metric.CurrentValue, metric.Metric)} (target {Value(metric.TargetValue, metric.Metric)}) → {(metric.Replicas?.ToString(CultureInfo.InvariantCulture) ?? metric.Error)}")));

    private static string Value(double? value, string metric) => value switch
    {
        null => "unknown",
        _ when metric == ReplicaCalculator.Cpu => string.Create(CultureInfo.InvariantCulture, $"{value:0}%"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{value:0.##}"),
    };
}
