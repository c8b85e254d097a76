namespace Bazaar.Host.Metrics;

/// <summary>What one replica has served since it started, read from its <c>/metrics</c>: ASP.NET
/// Core's request counters, without the Host's own probes and scrapes. Counters only grow, so
/// a window's traffic is the difference of two readings (<see cref="Since"/>).</summary>
/// <param name="InFlight">Requests being served when it was read.</param>
/// <param name="Requests">Requests answered.</param>
/// <param name="ServerErrors">Requests answered with a 5xx status.</param>
/// <param name="Buckets">The latency histogram: requests answered within each bound (seconds), cumulative, by ascending bound.</param>
internal sealed record ReplicaTraffic(double InFlight, double Requests, double ServerErrors, IReadOnlyList<(double UpperBound, double Count)> Buckets)
{
    public static ReplicaTraffic Empty { get; } = new(0, 0, 0, []);

    /// <summary>The traffic between <paramref name="earlier"/> and this reading (a restart in between resets the counters: then all of this one).</summary>
    public ReplicaTraffic Since(ReplicaTraffic earlier)
    {
        if (earlier.Requests > Requests)
        {
            return this;
        }
        var buckets = Buckets
            .Select(bucket => (bucket.UpperBound, bucket.Count - earlier.Buckets.Where(b => b.UpperBound == bucket.UpperBound).Select(b => b.Count).FirstOrDefault()))
            .ToList();
        return new ReplicaTraffic(InFlight, Requests - earlier.Requests, ServerErrors - earlier.ServerErrors, buckets);
    }

    /// <summary>The sum of several replicas' traffic (one version's, for a canary's analysis).</summary>
    public static ReplicaTraffic Sum(IEnumerable<ReplicaTraffic> parts)
    {
        var list = parts.ToList();
        var buckets = list.SelectMany(part => part.Buckets)
            .GroupBy(bucket => bucket.UpperBound)
            .OrderBy(group => group.Key)
            .Select(group => (group.Key, group.Sum(bucket => bucket.Count)))
            .ToList();
        return new ReplicaTraffic(list.Sum(p => p.InFlight), list.Sum(p => p.Requests), list.Sum(p => p.ServerErrors), buckets);
    }

    /// <summary>The share of requests that failed with a 5xx; 0 without requests.</summary>
    public double ErrorRate => Requests > 0 ? ServerErrors / Requests : 0;

    /// <summary>The upper bound of the histogram bucket holding the <paramref name="quantile"/> (as Prometheus'
    /// histogram_quantile would place it, without interpolation); null without requests.</summary>
    public double? Quantile(double quantile)
    {
        if (Requests <= 0)
        {
            return null;
        }
        var rank = quantile * Requests;
        foreach (var (bound, count) in Buckets)
        {
            if (count >= rank)
            {
                return bound;
            }
        }
        return double.PositiveInfinity;
    }
}
