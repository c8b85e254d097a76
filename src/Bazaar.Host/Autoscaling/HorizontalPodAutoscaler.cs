namespace Bazaar.Host.Autoscaling;

/// <summary>The decision of Kubernetes' <c>autoscaling/v2</c> HorizontalPodAutoscaler controller for one
/// workload, one sync period at a time: metrics → raw recommendation → stabilisation windows → rate
/// policies and min/max. Keeps the recommendations and scale events its windows and policies need, so
/// use one instance per workload, call <see cref="Evaluate"/> once per sync period, and apply what it decides.
/// Pure: time is passed in, nothing is measured or started here.</summary>
internal sealed class HorizontalPodAutoscaler
{
    private readonly RecommendationHistory _recommendations = new();
    private readonly ScaleEventLog _events = new();

    /// <summary>An autoscaler for <paramref name="spec"/>.</summary>
    /// <exception cref="ArgumentException">The spec is invalid; the message lists every problem.</exception>
    public HorizontalPodAutoscaler(HpaSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException($"Invalid autoscaling settings: {string.Join(" ", errors)}", nameof(spec));
        }
        Spec = spec;
    }

    /// <summary>The settings it follows.</summary>
    public HpaSpec Spec { get; }

    /// <summary>Decides the replica count for the sync period at <paramref name="now"/>, given the current
    /// count and one sample per current replica, and remembers the decision for the next ones.
    /// The caller is expected to apply it: a rescale is recorded as done.</summary>
    public ScaleDecision Evaluate(DateTimeOffset now, int currentReplicas, IReadOnlyList<PodSample> pods)
    {
        ArgumentNullException.ThrowIfNull(pods);
        _recommendations.RecordInitial(now, currentReplicas);
        var decision = Decide(now, currentReplicas, pods);
        if (decision.Rescale)
        {
            _events.Record(now, currentReplicas, decision.DesiredReplicas, Spec.Behavior.LongestPolicyPeriod);
        }
        return decision;
    }

    private ScaleDecision Decide(DateTimeOffset now, int current, IReadOnlyList<PodSample> pods)
    {
        if (current == 0)
        {
            return Fixed(now, current, 0, ScaleReason.ScalingDisabled, "scaling is disabled since the replica count is zero");
        }
        if (current > Spec.MaxReplicas)
        {
            return Fixed(now, current, Spec.MaxReplicas, ScaleReason.CurrentAboveMax, "the current replica count is above maxReplicas");
        }
        if (current < Spec.MinReplicas)
        {
            return Fixed(now, current, Spec.MinReplicas, ScaleReason.CurrentBelowMin, "the current replica count is below minReplicas");
        }

        List<MetricProposal> metrics = [ReplicaCalculator.ForCpu(Spec, current, pods)];
        if (Spec.SecondMetric is { } second)
        {
            metrics.Add(ReplicaCalculator.ForPerReplicaMetric(second, Spec.Tolerance, current, pods));
        }
        var valid = metrics.Where(m => m.Replicas is not null).Select(m => m.Replicas!.Value).ToList();
        // The largest recommendation wins; with a metric missing, scaling down could be wrong, scaling up is safe.
        if (valid.Count == 0 || (valid.Count < metrics.Count && valid.Max() < current))
        {
            var failed = metrics.First(m => m.Error is not null);
            return new ScaleDecision(now, current, metrics, current, current, current, ScaleReason.MetricsUnavailable, null, failed.Error!);
        }
        var raw = valid.Max();

        var stabilized = _recommendations.Stabilize(now, current, raw, Spec.Behavior);
        var (desired, reason, policy, message) = ApplyLimits(now, current, stabilized);
        if (reason == ScaleReason.DesiredWithinRange && stabilized != raw)
        {
            (reason, message) = raw > current
                ? (ScaleReason.ScaleUpStabilized, "recent recommendations were lower than the current one, applying the lowest recent recommendation")
                : (ScaleReason.ScaleDownStabilized, "recent recommendations were higher than the current one, applying the highest recent recommendation");
        }
        return new ScaleDecision(now, current, metrics, raw, stabilized, desired, reason, policy, message);
    }

    private (int Desired, ScaleReason Reason, ScalingPolicy? Policy, string Message) ApplyLimits(DateTimeOffset now, int current, int stabilized)
    {
        var behavior = Spec.Behavior;
        if (stabilized > current)
        {
            var (limit, policy) = ScalingLimits.ScaleUp(behavior.ScaleUp, _events, now, current);
            // Changes already made in the period can push the limit below the current count: hold, never shrink.
            limit = Math.Max(limit, current);
            var (allowed, reason, message) = Spec.MaxReplicas > limit
                ? (limit, policy is null ? ScaleReason.ScaleUpDisabled : ScaleReason.ScaleUpLimit, "the desired replica count is increasing faster than the maximum scale rate")
                : (Spec.MaxReplicas, ScaleReason.TooManyReplicas, "the desired replica count is more than the maximum replica count");
            if (stabilized > allowed)
            {
                return (allowed, reason, reason == ScaleReason.ScaleUpLimit ? policy : null, message);
            }
        }
        else if (stabilized < current)
        {
            var (limit, policy) = ScalingLimits.ScaleDown(behavior.ScaleDown, _events, now, current);
            limit = Math.Min(limit, current);
            var (allowed, reason, message) = Spec.MinReplicas < limit
                ? (limit, policy is null ? ScaleReason.ScaleDownDisabled : ScaleReason.ScaleDownLimit, "the desired replica count is decreasing faster than the maximum scale rate")
                : (Spec.MinReplicas, ScaleReason.TooFewReplicas, "the desired replica count is less than the minimum replica count");
            if (stabilized < allowed)
            {
                return (allowed, reason, reason == ScaleReason.ScaleDownLimit ? policy : null, message);
            }
        }
        return (stabilized, ScaleReason.DesiredWithinRange, null, "the desired count is within the acceptable range");
    }

    private static ScaleDecision Fixed(DateTimeOffset now, int current, int desired, ScaleReason reason, string message) =>
        new(now, current, [], desired, desired, desired, reason, null, message);
}
