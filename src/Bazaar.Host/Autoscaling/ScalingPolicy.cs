namespace Bazaar.Host.Autoscaling;

/// <summary>How a <see cref="ScalingPolicy"/> counts the change it allows (HPAScalingPolicyType).</summary>
internal enum ScalingPolicyType
{
    /// <summary>An absolute number of replicas.</summary>
    Pods,

    /// <summary>A percentage of the replicas there were at the start of the period.</summary>
    Percent,
}

/// <summary>One rate limit on scaling (HPAScalingPolicy): at most <paramref name="Value"/> replicas
/// or percent of change within any <paramref name="Period"/>.</summary>
internal sealed record ScalingPolicy(ScalingPolicyType Type, int Value, TimeSpan Period)
{
    /// <summary>At most <paramref name="value"/> replicas per <paramref name="period"/>.</summary>
    public static ScalingPolicy Pods(int value, TimeSpan period) => new(ScalingPolicyType.Pods, value, period);

    /// <summary>At most <paramref name="value"/> percent per <paramref name="period"/>.</summary>
    public static ScalingPolicy Percent(int value, TimeSpan period) => new(ScalingPolicyType.Percent, value, period);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Type} {Value} per {Period.TotalSeconds:0.###}s";
}
