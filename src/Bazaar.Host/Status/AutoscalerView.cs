using Bazaar.Host.Autoscaling;

namespace Bazaar.Host.Status;

/// <summary>An autoscaler as <c>GET /autoscalers</c> shows it: its settings, where it stands, and
/// its recent decisions with their inputs (newest first).</summary>
internal sealed record AutoscalerView(
    string Deployment,
    string Service,
    int MinReplicas,
    int MaxReplicas,
    int TargetCpuUtilizationPercent,
    int CpuRequestMillicores,
    string? SecondMetric,
    double? SecondMetricTarget,
    int CurrentReplicas,
    int? DesiredReplicas,
    DateTimeOffset? LastScaleTime,
    IReadOnlyList<DecisionView> Decisions)
{
    public static AutoscalerView Of(Autoscaler autoscaler)
    {
        var (decisions, lastScaleTime) = autoscaler.History();
        var spec = autoscaler.Spec;
        return new AutoscalerView(
            autoscaler.Deployment.Name,
            autoscaler.Deployment.Service,
            spec.MinReplicas,
            spec.MaxReplicas,
            spec.TargetCpuUtilizationPercent,
            spec.CpuRequestMillicores,
            spec.SecondMetric?.Name,
            spec.SecondMetric?.TargetAverageValue,
            autoscaler.Deployment.Replicas,
            decisions.Count > 0 ? decisions[^1].DesiredReplicas : null,
            lastScaleTime,
            [.. decisions.AsEnumerable().Reverse().Select(DecisionView.Of)]);
    }
}

/// <summary>One sync's decision: the metrics, each stage of the recommendation, what limited it and why.</summary>
internal sealed record DecisionView(
    DateTimeOffset At,
    int CurrentReplicas,
    int DesiredReplicas,
    int RecommendedReplicas,
    int StabilizedReplicas,
    string Reason,
    string? LimitedBy,
    string Message,
    IReadOnlyList<MetricView> Metrics)
{
    public static DecisionView Of(ScaleDecision decision) => new(
        decision.At,
        decision.CurrentReplicas,
        decision.DesiredReplicas,
        decision.RawDesiredReplicas,
        decision.StabilizedDesiredReplicas,
        decision.Reason.ToString(),
        decision.LimitingPolicy?.ToString(),
        decision.Message,
        [.. decision.Metrics.Select(metric => new MetricView(metric.Metric, metric.CurrentValue, metric.TargetValue, metric.Replicas, metric.Error))]);
}

/// <summary>One metric in a decision (CPU in percent of the request).</summary>
internal sealed record MetricView(string Metric, double? Current, double Target, int? Replicas, string? Error);
