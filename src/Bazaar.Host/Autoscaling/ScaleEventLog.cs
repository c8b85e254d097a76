namespace Bazaar.Host.Autoscaling;

/// <summary>The replica changes one autoscaler made recently, for the rate-limiting policies.</summary>
internal sealed class ScaleEventLog
{
    private readonly List<(DateTimeOffset At, int Added)> _scaleUps = [];
    private readonly List<(DateTimeOffset At, int Removed)> _scaleDowns = [];

    /// <summary>Records a change from <paramref name="from"/> to <paramref name="to"/> replicas made at
    /// <paramref name="now"/>, forgetting what is older than <paramref name="keepFor"/>.</summary>
    public void Record(DateTimeOffset now, int from, int to, TimeSpan keepFor)
    {
        _scaleUps.RemoveAll(e => e.At <= now - keepFor);
        _scaleDowns.RemoveAll(e => e.At <= now - keepFor);
        if (to > from)
        {
            _scaleUps.Add((now, to - from));
        }
        else if (to < from)
        {
            _scaleDowns.Add((now, from - to));
        }
    }

    /// <summary>The replica count at the start of the <paramref name="period"/> ending at
    /// <paramref name="now"/>: the current count with the period's changes undone.</summary>
    public int ReplicasAtStartOf(TimeSpan period, DateTimeOffset now, int currentReplicas)
    {
        var cutoff = now - period;
        var added = _scaleUps.Where(e => e.At > cutoff).Sum(e => e.Added);
        var removed = _scaleDowns.Where(e => e.At > cutoff).Sum(e => e.Removed);
        return currentReplicas - added + removed;
    }
}
