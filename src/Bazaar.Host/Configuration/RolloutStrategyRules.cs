using System.Globalization;

namespace Bazaar.Host.Configuration;

/// <summary>What makes a rollout strategy unusable, checked at start-up for the configured ones.</summary>
internal static class RolloutStrategyRules
{
    /// <summary>Each problem as <c>:Setting message</c>, to follow the strategy's own setting name.</summary>
    public static IReadOnlyList<string> Problems(RolloutStrategyOptions strategy)
    {
        var problems = new List<string>();
        void Fail(string setting, string message, object? value) =>
            problems.Add(string.Create(CultureInfo.InvariantCulture, $":{setting} {message} (got '{value}')."));

        if (!Enum.IsDefined(strategy.Type))
        {
            Fail("Type", "must be RollingUpdate or Canary", strategy.Type);
        }
        if (strategy.MaxSurge is < 0 or > 64)
        {
            Fail("MaxSurge", "must be between 0 and 64", strategy.MaxSurge);
        }
        if (strategy.MaxUnavailable is < 0 or > 64)
        {
            Fail("MaxUnavailable", "must be between 0 and 64", strategy.MaxUnavailable);
        }
        if (strategy is { MaxSurge: 0, MaxUnavailable: 0 })
        {
            Fail("MaxSurge", "and MaxUnavailable cannot both be 0: the rollout could never replace a replica", 0);
        }
        var steps = strategy.CanarySteps;
        if (steps.Any(step => step is < 1 or > 100) || steps[^1] != 100 || steps.Zip(steps.Skip(1)).Any(pair => pair.First >= pair.Second))
        {
            Fail("Steps", "must be increasing weights between 1 and 100, ending at 100", string.Join(", ", steps));
        }
        var analysis = strategy.Analysis;
        if (!(analysis.IntervalSeconds is >= 0.1 and <= 3600))
        {
            Fail("Analysis:IntervalSeconds", "must be between 0.1 and 3600", analysis.IntervalSeconds);
        }
        if (!(analysis.InitialDelaySeconds is >= 0 and <= 3600))
        {
            Fail("Analysis:InitialDelaySeconds", "must be between 0 and 3600", analysis.InitialDelaySeconds);
        }
        if (analysis.MinRequests is < 1 or > 1_000_000)
        {
            Fail("Analysis:MinRequests", "must be between 1 and 1000000", analysis.MinRequests);
        }
        if (!(analysis.MaxErrorRateIncreasePercent is >= 0 and <= 100))
        {
            Fail("Analysis:MaxErrorRateIncreasePercent", "must be between 0 and 100", analysis.MaxErrorRateIncreasePercent);
        }
        if (!(analysis.MaxLatencyRatio is >= 1 and <= 100))
        {
            Fail("Analysis:MaxLatencyRatio", "must be between 1 and 100", analysis.MaxLatencyRatio);
        }
        if (!(analysis.LatencyFloorMilliseconds is >= 0 and <= 600_000))
        {
            Fail("Analysis:LatencyFloorMilliseconds", "must be between 0 and 600000", analysis.LatencyFloorMilliseconds);
        }
        if (analysis.InconclusiveLimit is < 1 or > 10_000)
        {
            Fail("Analysis:InconclusiveLimit", "must be between 1 and 10000", analysis.InconclusiveLimit);
        }
        if (!(strategy.ProgressDeadlineSeconds is >= 1 and <= 3600))
        {
            Fail("ProgressDeadlineSeconds", "must be between 1 and 3600", strategy.ProgressDeadlineSeconds);
        }
        return problems;
    }
}
