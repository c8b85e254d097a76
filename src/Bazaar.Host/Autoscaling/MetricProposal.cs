namespace Bazaar.Host.Autoscaling;

/// <summary>What one metric recommends.</summary>
/// <param name="Metric">Which metric ("cpu" or the second metric's name).</param>
/// <param name="CurrentValue">The ready replicas' average (CPU as a whole percentage of the request,
/// truncated as Kubernetes does), or null when no ready replica reported it.</param>
/// <param name="TargetValue">The average aimed for, in the same unit.</param>
/// <param name="Replicas">The recommended replica count, or null when the metric is unavailable.</param>
/// <param name="WithinTolerance">True when the metric was close enough to the target to keep the current count.</param>
/// <param name="Error">Why the metric is unavailable.</param>
internal sealed record MetricProposal(
    string Metric,
    double? CurrentValue,
    double TargetValue,
    int? Replicas,
    bool WithinTolerance = false,
    string? Error = null);
