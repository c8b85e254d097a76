namespace Bazaar.Host.Autoscaling;

/// <summary>The recent raw recommendations of one autoscaler, for the stabilisation windows.</summary>
internal sealed class RecommendationHistory
{
    private readonly List<(DateTimeOffset At, int Replicas)> _recommendations = [];
    private bool _started;

    /// <summary>On the first sync only, records the current count as if recommended: a freshly started
    /// autoscaler then waits a full window before scaling down, as Kubernetes' controller does.</summary>
    public void RecordInitial(DateTimeOffset now, int currentReplicas)
    {
        if (!_started)
        {
            _recommendations.Add((now, currentReplicas));
            _started = true;
        }
    }

    /// <summary>Stabilises <paramref name="desired"/> against the windows of <paramref name="behavior"/>
    /// (scale up no further than the lowest, down no further than the highest recommendation in each
    /// window), then remembers <paramref name="desired"/> as the recommendation made at <paramref name="now"/>.</summary>
    public int Stabilize(DateTimeOffset now, int currentReplicas, int desired, HpaBehavior behavior)
    {
        var upCutoff = now - behavior.ScaleUp.StabilizationWindow;
        var downCutoff = now - behavior.ScaleDown.StabilizationWindow;
        var upLimit = desired;
        var downLimit = desired;
        foreach (var (at, replicas) in _recommendations)
        {
            if (at > upCutoff)
            {
                upLimit = Math.Min(upLimit, replicas);
            }
            if (at > downCutoff)
            {
                downLimit = Math.Max(downLimit, replicas);
            }
        }

        // Kept in the window's bounds, starting from the current count: a window can hold a change
        // back, never cause one.
        var recommendation = Math.Max(currentReplicas, upLimit);
        recommendation = Math.Min(recommendation, downLimit);

        // Older than both windows, a recommendation can never count again.
        _recommendations.RemoveAll(r => r.At <= upCutoff && r.At <= downCutoff);
        _recommendations.Add((now, desired));
        return recommendation;
    }
}
