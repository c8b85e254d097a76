namespace Bazaar.Host.Autoscaling;

/// <summary>An optional second metric averaged over replicas (a Pods metric with an AverageValue target),
/// such as requests per second or in-flight requests per replica.</summary>
/// <param name="Name">What the metric is, for decisions and logs.</param>
/// <param name="TargetAverageValue">The per-replica average the autoscaler aims for.</param>
internal sealed record PerReplicaMetric(string Name, double TargetAverageValue);
