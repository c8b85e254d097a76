namespace Bazaar.Host.Autoscaling;

/// <summary>Which policy wins when several allow different changes (selectPolicy).</summary>
internal enum SelectPolicy
{
    /// <summary>The policy allowing the largest change (Kubernetes' default).</summary>
    Max,

    /// <summary>The policy allowing the smallest change.</summary>
    Min,

    /// <summary>No scaling in this direction at all.</summary>
    Disabled,
}

/// <summary>The behaviour of one scaling direction (HPAScalingRules).</summary>
/// <param name="StabilizationWindow">How far back past recommendations count: scaling up takes the lowest
/// and scaling down the highest recommendation of the window, so a brief spike or dip changes nothing.</param>
/// <param name="SelectPolicy">Which of <paramref name="Policies"/> applies.</param>
/// <param name="Policies">The rate limits; at least one unless <see cref="SelectPolicy.Disabled"/>.</param>
internal sealed record ScalingRules(TimeSpan StabilizationWindow, SelectPolicy SelectPolicy, IReadOnlyList<ScalingPolicy> Policies)
{
    private static readonly TimeSpan FifteenSeconds = TimeSpan.FromSeconds(15);

    /// <summary>Kubernetes' default for scaling up: no stabilisation, the larger of +100% and +4 replicas per 15 s.</summary>
    public static ScalingRules DefaultScaleUp { get; } = new(
        TimeSpan.Zero,
        SelectPolicy.Max,
        [ScalingPolicy.Percent(100, FifteenSeconds), ScalingPolicy.Pods(4, FifteenSeconds)]);

    /// <summary>Kubernetes' default for scaling down: a 300 s stabilisation window, then down to any
    /// count (100% per 15 s).</summary>
    public static ScalingRules DefaultScaleDown { get; } = new(
        TimeSpan.FromSeconds(300),
        SelectPolicy.Max,
        [ScalingPolicy.Percent(100, FifteenSeconds)]);

    /// <summary>The problems of these rules (the limits the Kubernetes API server enforces), empty when valid.</summary>
    public IEnumerable<string> Validate(string direction)
    {
        if (StabilizationWindow < TimeSpan.Zero || StabilizationWindow > TimeSpan.FromHours(1))
        {
            yield return $"{direction}.stabilizationWindowSeconds must be between 0 and 3600 (was {StabilizationWindow.TotalSeconds}).";
        }
        if (SelectPolicy != SelectPolicy.Disabled && Policies.Count == 0)
        {
            yield return $"{direction} needs at least one policy unless selectPolicy is Disabled.";
        }
        foreach (var policy in Policies)
        {
            if (policy.Value <= 0)
            {
                yield return $"{direction} policy {policy}: value must be positive.";
            }
            if (policy.Period <= TimeSpan.Zero || policy.Period > TimeSpan.FromMinutes(30))
            {
                yield return $"{direction} policy {policy}: periodSeconds must be between 1 and 1800.";
            }
        }
    }
}
