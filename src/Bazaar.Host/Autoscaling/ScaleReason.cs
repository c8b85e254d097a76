namespace Bazaar.Host.Autoscaling;

/// <summary>What decided the final replica count (named after the HPA's condition reasons where one exists).</summary>
internal enum ScaleReason
{
    /// <summary>The metrics' recommendation was applied as it was (including "no change").</summary>
    DesiredWithinRange,

    /// <summary>A lower recommendation in the scale-up stabilisation window held the scale-up back.</summary>
    ScaleUpStabilized,

    /// <summary>A higher recommendation in the scale-down stabilisation window held the scale-down back.</summary>
    ScaleDownStabilized,

    /// <summary>A scale-up policy capped the increase.</summary>
    ScaleUpLimit,

    /// <summary>A scale-down policy capped the decrease.</summary>
    ScaleDownLimit,

    /// <summary>Scale-up is disabled (selectPolicy Disabled).</summary>
    ScaleUpDisabled,

    /// <summary>Scale-down is disabled (selectPolicy Disabled).</summary>
    ScaleDownDisabled,

    /// <summary>The recommendation was above maxReplicas.</summary>
    TooManyReplicas,

    /// <summary>The recommendation was below minReplicas.</summary>
    TooFewReplicas,

    /// <summary>The current count was above maxReplicas (the spec changed): brought to the maximum.</summary>
    CurrentAboveMax,

    /// <summary>The current count was below minReplicas (the spec changed): brought to the minimum.</summary>
    CurrentBelowMin,

    /// <summary>Scaled to zero by hand: autoscaling is off until the count is raised, as in Kubernetes.</summary>
    ScalingDisabled,

    /// <summary>No metric could be computed, or one could not and the others would scale down: no change.</summary>
    MetricsUnavailable,
}
