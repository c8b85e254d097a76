using System.Globalization;
using Bazaar.Host.Configuration;
using Bazaar.Host.Metrics;

namespace Bazaar.Host.Releases;

/// <summary>Compares a canary's window of traffic with the current version's (Argo Rollouts'
/// analysis, Kayenta's idea): worse by more than the allowed margin in 5xx rate or in P99 is a
/// breach; too little canary traffic is no verdict yet.</summary>
internal static class CanaryJudge
{
    public static CanaryVerdict Judge(VersionTraffic stable, VersionTraffic canary, CanaryAnalysisOptions options)
    {
        var (c, s) = (canary.Traffic, stable.Traffic);
        if (c.Requests < options.MinRequests)
        {
            return new CanaryVerdict(CanaryOutcome.Inconclusive, Invariant(
                $"{canary.Version} served {c.Requests:0} requests in the window; {options.MinRequests} are needed to judge it"));
        }
        var allowedErrorRate = s.ErrorRate + (options.MaxErrorRateIncreasePercent / 100);
        if (c.ErrorRate > allowedErrorRate)
        {
            return new CanaryVerdict(CanaryOutcome.Breach, Invariant(
                $"{canary.Version} failed {Percent(c.ErrorRate)} of {c.Requests:0} requests against {stable.Version}'s {Percent(s.ErrorRate)} (at most {options.MaxErrorRateIncreasePercent:0.##} points more is allowed)"));
        }
        var canaryP99 = c.Quantile(0.99)!.Value;
        var stableP99 = s.Quantile(0.99);
        var floor = options.LatencyFloorMilliseconds / 1000;
        var allowedP99 = Math.Max(floor, (stableP99 ?? 0) * options.MaxLatencyRatio);
        if (canaryP99 > allowedP99)
        {
            return new CanaryVerdict(CanaryOutcome.Breach, Invariant(
                $"{canary.Version}'s P99 is {Seconds(canaryP99)} against {stable.Version}'s {Seconds(stableP99)} (at most ×{options.MaxLatencyRatio:0.##}, and never a breach at or below {Seconds(floor)})"));
        }
        return new CanaryVerdict(CanaryOutcome.Pass, Invariant(
            $"{canary.Version}: {c.Requests:0} requests, {Percent(c.ErrorRate)} failed, P99 {Seconds(canaryP99)}; {stable.Version}: {s.Requests:0} requests, {Percent(s.ErrorRate)} failed, P99 {Seconds(stableP99)}"));
    }

    private static string Percent(double rate) => Invariant($"{rate * 100:0.0}%");

    /// <summary>A P99 is a histogram bucket's upper bound: "≤ 50 ms".</summary>
    private static string Seconds(double? seconds) => seconds switch
    {
        null => "unknown (no requests)",
        double.PositiveInfinity => "above the largest bucket",
        _ => Invariant($"≤ {seconds.Value * 1000:0.#} ms"),
    };

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>One version's traffic over an analysis window.</summary>
internal sealed record VersionTraffic(string Version, ReplicaTraffic Traffic);

internal enum CanaryOutcome
{
    Pass,
    Breach,
    Inconclusive,
}

internal sealed record CanaryVerdict(CanaryOutcome Outcome, string Reason);
