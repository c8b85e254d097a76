namespace Bazaar.Host.Releases;

/// <summary>One step of Kubernetes' rolling update, worked out from the counts alone: how far the
/// new revision may grow (to desired + maxSurge replicas in all) and how many old replicas may go
/// (while at least desired − maxUnavailable stay ready; unhealthy old ones count first, since
/// taking them away costs no capacity).</summary>
internal static class RollingUpdatePlan
{
    /// <summary>The new revision's target count, or null when it may not grow now.</summary>
    public static int? ScaleUpTo(int desired, int maxSurge, int oldCount, int newCount) =>
        newCount < desired && oldCount + newCount < desired + maxSurge
            ? Math.Min(desired, desired + maxSurge - oldCount)
            : null;

    /// <summary>How many old replicas may be taken away now (0 or more).</summary>
    public static int OldToRemove(int desired, int maxUnavailable, int oldCount, int oldReady, int newCount, int newReady)
    {
        var minAvailable = desired - maxUnavailable;
        var maxScaledDown = oldCount + newCount - minAvailable - (newCount - newReady);
        if (maxScaledDown <= 0)
        {
            return 0;
        }
        var unhealthyOld = Math.Min(oldCount - oldReady, maxScaledDown);
        var readyOld = Math.Min(oldReady, Math.Min(maxScaledDown - unhealthyOld, oldReady + newReady - minAvailable));
        return unhealthyOld + Math.Max(0, readyOld);
    }
}
