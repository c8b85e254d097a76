using Bazaar.Bench.Reports;

namespace Bazaar.Bench.Running;

/// <summary>--find-max: steps the rate up by <paramref name="growth"/> from the starting rate until a
/// trial fails (P99 over the bound, or any error), then bisects between the last pass and the
/// first failure <paramref name="refinements"/> times. The answer is the highest rate that passed.</summary>
internal sealed class RateFinder(double boundMilliseconds, double growth = 1.5, int refinements = 4, int maxSteps = 30)
{
    /// <param name="trial">Runs the scenario at a rate and answers its summary.</param>
    public async Task<(FindMaxResult Result, RunSummary? Best)> FindAsync(double startRate, Func<double, Task<RunSummary>> trial)
    {
        var trials = new List<FindMaxTrial>();
        RunSummary? best = null;
        double passed = 0, failed = 0;

        async Task<bool> TryAsync(double rate)
        {
            var summary = await trial(rate);
            var ok = !summary.Failed && summary.Overall.Count > 0 && summary.Overall.P99 <= boundMilliseconds;
            trials.Add(new FindMaxTrial(rate, summary.Overall.P99, summary.Errors, ok));
            if (ok && rate > passed)
            {
                passed = rate;
                best = summary;
            }
            return ok;
        }

        var rate = startRate;
        for (var step = 0; step < maxSteps; step++, rate = Math.Round(rate * growth))
        {
            if (!await TryAsync(rate))
            {
                failed = rate;
                break;
            }
        }
        if (failed > 0)
        {
            // The first rate failed: look below it too, down to a tenth of it.
            var low = passed > 0 ? passed : startRate / 10;
            for (var i = 0; i < refinements && failed - low > 1; i++)
            {
                var middle = Math.Round((low + failed) / 2);
                if (await TryAsync(middle)) low = middle; else failed = middle;
            }
        }
        return (new FindMaxResult(boundMilliseconds, passed, trials), best);
    }
}
