using Bazaar.Bench.Reports;
using Bazaar.Bench.Running;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class FindMaxTests
{
    /// <summary>A deterministic system: P99 50 ms up to <paramref name="capacity"/> req/s, 500 ms above; errors from <paramref name="errorsFrom"/>.</summary>
    private static Func<double, Task<RunSummary>> System(double capacity, double errorsFrom = double.MaxValue) => rate =>
    {
        var p99 = rate <= capacity ? 50 : 500;
        var errors = rate >= errorsFrom ? 3 : 0;
        var latency = new LatencyStats(1000, 10, 20, p99, p99, p99, 12);
        return Task.FromResult(new RunSummary($"@{rate}", rate, 10, 1000 + errors, 1000 + errors, errors, rate, latency, [], [], []));
    };

    [Fact]
    public async Task Picks_the_highest_rate_whose_p99_stays_under_the_bound()
    {
        var (result, best) = await new RateFinder(boundMilliseconds: 200).FindAsync(1000, System(capacity: 3700));

        Assert.InRange(result.BestRate, 3600, 3700);
        Assert.Equal(result.BestRate, best!.TargetRate);
        Assert.All(result.Trials, trial => Assert.Equal(trial.Rate <= 3700, trial.Passed));
        Assert.Contains(result.Trials, trial => !trial.Passed);
    }

    [Fact]
    public async Task A_rate_with_errors_does_not_pass_even_when_fast()
    {
        var (result, _) = await new RateFinder(boundMilliseconds: 200).FindAsync(1000, System(capacity: 100_000, errorsFrom: 2000));

        Assert.InRange(result.BestRate, 1900, 1999);
        Assert.All(result.Trials, trial => Assert.Equal(trial.Errors == 0, trial.Passed));
    }

    [Fact]
    public async Task When_even_the_first_rate_fails_it_looks_below_and_reports_nothing_if_none_passes()
    {
        var (lower, _) = await new RateFinder(boundMilliseconds: 200).FindAsync(1000, System(capacity: 400));
        Assert.InRange(lower.BestRate, 300, 400);

        var (none, best) = await new RateFinder(boundMilliseconds: 200).FindAsync(1000, System(capacity: 1));
        Assert.Equal(0, none.BestRate);
        Assert.Null(best);
    }
}
