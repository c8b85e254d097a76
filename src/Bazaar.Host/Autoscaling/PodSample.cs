namespace Bazaar.Host.Autoscaling;

/// <summary>What one replica reported in a sync period.</summary>
/// <param name="Ready">Whether it has passed readiness. A replica not yet ready is treated like
/// Kubernetes' pending pod: left out, or counted as using nothing when that would hold back a scale-up.</param>
/// <param name="CpuMillicores">Its average CPU use over the period, or null when that is unknown.</param>
/// <param name="SecondMetricValue">Its value of <see cref="HpaSpec.SecondMetric"/>, or null when unknown.</param>
internal readonly record struct PodSample(bool Ready, double? CpuMillicores, double? SecondMetricValue = null);
