using Bazaar.Host.Configuration;
using Bazaar.Host.Metrics;
using Bazaar.Host.Releases;
using Xunit;

namespace Bazaar.Host.Tests.Releases;

public sealed class CanaryJudgeTests
{
    private static readonly CanaryAnalysisOptions Options = new() { MinRequests = 20, MaxErrorRateIncreasePercent = 1, MaxLatencyRatio = 1.5, LatencyFloorMilliseconds = 100 };

    /// <summary>A window of <paramref name="requests"/> requests, <paramref name="errors"/> of them 5xx, all
    /// answered within <paramref name="fast"/> seconds except <paramref name="slow"/> within 1 s.</summary>
    private static VersionTraffic Window(string version, int requests, int errors = 0, double fast = 0.01, int slow = 0) =>
        new(version, new ReplicaTraffic(0, requests, errors, [(fast, requests - slow), (1, requests), (double.PositiveInfinity, requests)]));

    [Fact]
    public void A_canary_as_good_as_stable_passes()
    {
        var verdict = CanaryJudge.Judge(Window("v1", 400, errors: 1), Window("v2", 100, errors: 1), Options);

        Assert.Equal(CanaryOutcome.Pass, verdict.Outcome);
    }

    [Fact]
    public void Twenty_percent_errors_against_none_is_a_breach_that_says_so()
    {
        var verdict = CanaryJudge.Judge(Window("v1", 400), Window("v2", 100, errors: 20), Options);

        Assert.Equal(CanaryOutcome.Breach, verdict.Outcome);
        Assert.Equal("v2 failed 20.0% of 100 requests against v1's 0.0% (at most 1 points more is allowed)", verdict.Reason);
    }

    [Fact]
    public void Errors_within_the_margin_over_stable_pass()
    {
        // Stable fails 5%; the canary's 5.9% is within one point of it.
        var verdict = CanaryJudge.Judge(Window("v1", 1000, errors: 50), Window("v2", 1000, errors: 59), Options);

        Assert.Equal(CanaryOutcome.Pass, verdict.Outcome);
    }

    [Fact]
    public void A_p99_beyond_the_ratio_and_the_floor_is_a_breach()
    {
        // Stable's P99 is within 250 ms; more than 1% of the canary's requests took up to 1 s.
        var verdict = CanaryJudge.Judge(Window("v1", 1000, fast: 0.25), Window("v2", 100, fast: 0.25, slow: 5), Options);

        Assert.Equal(CanaryOutcome.Breach, verdict.Outcome);
        Assert.Contains("P99 is ≤ 1000 ms against v1's ≤ 250 ms", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Slower_fast_answers_under_the_floor_are_not_a_breach()
    {
        // 5 ms against 50 ms is ten times slower, and still faster than anyone notices.
        var verdict = CanaryJudge.Judge(Window("v1", 1000, fast: 0.005), Window("v2", 100, fast: 0.05), Options);

        Assert.Equal(CanaryOutcome.Pass, verdict.Outcome);
    }

    [Fact]
    public void Too_little_canary_traffic_is_no_verdict_yet()
    {
        var verdict = CanaryJudge.Judge(Window("v1", 1000), Window("v2", 19, errors: 19), Options);

        Assert.Equal(CanaryOutcome.Inconclusive, verdict.Outcome);
        Assert.Equal("v2 served 19 requests in the window; 20 are needed to judge it", verdict.Reason);
    }
}
