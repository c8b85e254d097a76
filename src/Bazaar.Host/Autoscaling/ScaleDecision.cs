namespace Bazaar.Host.Autoscaling;

/// <summary>One sync period's decision with everything that led to it, to be logged and shown.</summary>
/// <param name="At">When it was made.</param>
/// <param name="CurrentReplicas">The replica count it started from.</param>
/// <param name="Metrics">Each metric's value and recommendation (empty when the metrics were not consulted).</param>
/// <param name="RawDesiredReplicas">The largest metric recommendation, before stabilisation and limits
/// (the final count when the metrics were not consulted).</param>
/// <param name="StabilizedDesiredReplicas">The recommendation after the stabilisation windows.</param>
/// <param name="DesiredReplicas">The count to scale to, after the policies and min/max.</param>
/// <param name="Reason">What decided <paramref name="DesiredReplicas"/>.</param>
/// <param name="LimitingPolicy">The policy that capped the change, for the two *Limit reasons.</param>
/// <param name="Message">The reason in words.</param>
internal sealed record ScaleDecision(
    DateTimeOffset At,
    int CurrentReplicas,
    IReadOnlyList<MetricProposal> Metrics,
    int RawDesiredReplicas,
    int StabilizedDesiredReplicas,
    int DesiredReplicas,
    ScaleReason Reason,
    ScalingPolicy? LimitingPolicy,
    string Message)
{
    /// <summary>Whether the replica count changes.</summary>
    public bool Rescale => DesiredReplicas != CurrentReplicas;
}
