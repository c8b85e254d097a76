namespace Bazaar.Host.Autoscaling;

/// <summary>How fast the autoscaler may move in each direction (HorizontalPodAutoscalerBehavior).</summary>
internal sealed record HpaBehavior(ScalingRules ScaleUp, ScalingRules ScaleDown)
{
    /// <summary>The behaviour Kubernetes applies when a HorizontalPodAutoscaler leaves it out.</summary>
    public static HpaBehavior Default { get; } = new(ScalingRules.DefaultScaleUp, ScalingRules.DefaultScaleDown);

    /// <summary>Every event older than this no longer limits any policy, so it can be forgotten.</summary>
    public TimeSpan LongestPolicyPeriod =>
        ScaleUp.Policies.Concat(ScaleDown.Policies).Select(p => p.Period).DefaultIfEmpty(TimeSpan.Zero).Max();
}
