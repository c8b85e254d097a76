namespace Bazaar.Host.Configuration;

/// <summary>How a deployment moves to a new revision (a Deployment's <c>strategy</c>, with Argo
/// Rollouts' canary for the traffic-shifting kind). Unset on an entry: the defaults below.</summary>
public sealed class RolloutStrategyOptions
{
    public static RolloutStrategyOptions Default { get; } = new();

    public RolloutStrategyType Type { get; set; } = RolloutStrategyType.RollingUpdate;

    /// <summary>Rolling update: how many replicas above the desired count may run while it rolls.</summary>
    public int MaxSurge { get; set; } = 1;

    /// <summary>Rolling update: how many replicas below the desired count may be unavailable while it rolls.</summary>
    public int MaxUnavailable { get; set; }

    /// <summary>Canary: the traffic weights (percent) the new version is given in turn; the last is 100.
    /// Unset: 10, 50, 100.</summary>
    public int[]? Steps { get; set; }

    public CanaryAnalysisOptions Analysis { get; set; } = new();

    /// <summary>How long new replicas may take to become ready before the rollout is aborted and
    /// the current revision keeps serving (a Deployment's <c>progressDeadlineSeconds</c>).</summary>
    public double ProgressDeadlineSeconds { get; set; } = 120;

    /// <summary>This strategy with another type (a request may say which kind of rollout it wants).</summary>
    internal RolloutStrategyOptions WithType(RolloutStrategyType type)
    {
        var copy = (RolloutStrategyOptions)MemberwiseClone();
        copy.Type = type;
        return copy;
    }

    internal IReadOnlyList<int> CanarySteps => Steps is { Length: > 0 } steps ? steps : [10, 50, 100];

    internal TimeSpan ProgressDeadline => TimeSpan.FromSeconds(ProgressDeadlineSeconds);
}

public enum RolloutStrategyType
{
    /// <summary>Replace replicas a few at a time, readiness-gated; traffic follows the replicas.</summary>
    RollingUpdate,

    /// <summary>Run the new version beside the current one and shift traffic to it step by step,
    /// judging it against the current one at each step; roll back when it is worse.</summary>
    Canary,
}

/// <summary>When a canary counts as worse than the version it would replace, judged over each window.</summary>
public sealed class CanaryAnalysisOptions
{
    /// <summary>How long each step's analysis window is.</summary>
    public double IntervalSeconds { get; set; } = 30;

    /// <summary>How long the canary serves at a new weight before its first window: its first
    /// requests compile code paths and fill caches, which says nothing about the new version.</summary>
    public double InitialDelaySeconds { get; set; } = 10;

    /// <summary>The requests the canary must have served in a window for a verdict; fewer leaves the step waiting.</summary>
    public int MinRequests { get; set; } = 20;

    /// <summary>How many percentage points the canary's 5xx rate may exceed the current version's.</summary>
    public double MaxErrorRateIncreasePercent { get; set; } = 1;

    /// <summary>How many times the current version's P99 the canary's P99 may be.</summary>
    public double MaxLatencyRatio { get; set; } = 1.5;

    /// <summary>A canary P99 at or below this is never a breach (differences between fast answers are noise).</summary>
    public double LatencyFloorMilliseconds { get; set; } = 100;

    /// <summary>Windows in a row without a verdict (too little canary traffic) before the rollout is
    /// rolled back rather than left waiting (Argo Rollouts' inconclusiveLimit).</summary>
    public int InconclusiveLimit { get; set; } = 10;

    internal TimeSpan Interval => TimeSpan.FromSeconds(IntervalSeconds);

    internal TimeSpan InitialDelay => TimeSpan.FromSeconds(InitialDelaySeconds);
}
