namespace Bazaar.Host.Autoscaling;

/// <summary>How far the policies of one direction let the replica count move now.</summary>
internal static class ScalingLimits
{
    /// <summary>The most replicas the scale-up policies allow, and the policy that set it (null when
    /// scale-up is disabled, which allows no more than the current count).</summary>
    public static (int Limit, ScalingPolicy? Policy) ScaleUp(ScalingRules rules, ScaleEventLog events, DateTimeOffset now, int currentReplicas)
    {
        if (rules.SelectPolicy == SelectPolicy.Disabled)
        {
            return (currentReplicas, null);
        }
        var proposals = rules.Policies.Select(policy =>
        {
            var start = events.ReplicasAtStartOf(policy.Period, now, currentReplicas);
            // Rounded up: a small percentage of a few replicas must still allow one more.
            var limit = policy.Type == ScalingPolicyType.Pods
                ? (long)start + policy.Value
                : (long)Math.Ceiling(start * (1 + policy.Value / 100.0));
            return (Limit: Saturate(limit), Policy: (ScalingPolicy?)policy);
        });
        // Max allows the largest change: the highest limit when going up.
        return rules.SelectPolicy == SelectPolicy.Max ? proposals.MaxBy(p => p.Limit) : proposals.MinBy(p => p.Limit);
    }

    /// <summary>The fewest replicas the scale-down policies allow, and the policy that set it (null when
    /// scale-down is disabled, which allows no fewer than the current count).</summary>
    public static (int Limit, ScalingPolicy? Policy) ScaleDown(ScalingRules rules, ScaleEventLog events, DateTimeOffset now, int currentReplicas)
    {
        if (rules.SelectPolicy == SelectPolicy.Disabled)
        {
            return (currentReplicas, null);
        }
        var proposals = rules.Policies.Select(policy =>
        {
            var start = events.ReplicasAtStartOf(policy.Period, now, currentReplicas);
            // Truncated, as Kubernetes does: removing a fraction of a replica rounds toward removing one.
            var limit = policy.Type == ScalingPolicyType.Pods
                ? (long)start - policy.Value
                : (long)(start * (1 - policy.Value / 100.0));
            return (Limit: Saturate(limit), Policy: (ScalingPolicy?)policy);
        });
        // Max allows the largest change: the lowest limit when going down.
        return rules.SelectPolicy == SelectPolicy.Max ? proposals.MinBy(p => p.Limit) : proposals.MaxBy(p => p.Limit);
    }

    private static int Saturate(long value) => (int)Math.Clamp(value, int.MinValue, int.MaxValue);
}
