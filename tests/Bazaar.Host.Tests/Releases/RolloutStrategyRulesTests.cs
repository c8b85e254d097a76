using Bazaar.Host.Configuration;
using Xunit;

namespace Bazaar.Host.Tests.Releases;

public sealed class RolloutStrategyRulesTests
{
    [Fact]
    public void The_default_strategy_is_a_one_at_a_time_rolling_update_and_valid()
    {
        var strategy = RolloutStrategyOptions.Default;

        Assert.Empty(RolloutStrategyRules.Problems(strategy));
        Assert.Equal((RolloutStrategyType.RollingUpdate, 1, 0), (strategy.Type, strategy.MaxSurge, strategy.MaxUnavailable));
        Assert.Equal([10, 50, 100], strategy.CanarySteps);
    }

    [Theory]
    [InlineData(new[] { 10, 50 }, ":Steps must be increasing weights between 1 and 100, ending at 100 (got '10, 50').")]
    [InlineData(new[] { 50, 10, 100 }, ":Steps must be increasing weights between 1 and 100, ending at 100 (got '50, 10, 100').")]
    [InlineData(new[] { 0, 100 }, ":Steps must be increasing weights between 1 and 100, ending at 100 (got '0, 100').")]
    public void Steps_must_climb_to_100(int[] steps, string expected)
    {
        var problem = Assert.Single(RolloutStrategyRules.Problems(new RolloutStrategyOptions { Type = RolloutStrategyType.Canary, Steps = steps }));

        Assert.Equal(expected, problem);
    }

    [Fact]
    public void A_rolling_update_that_may_neither_add_nor_remove_a_replica_is_refused()
    {
        var problem = Assert.Single(RolloutStrategyRules.Problems(new RolloutStrategyOptions { MaxSurge = 0, MaxUnavailable = 0 }));

        Assert.Contains("cannot both be 0", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_strategy_is_checked_at_start_up_with_its_setting_named()
    {
        var options = new BazaarHostOptions();
        options.Services["product-service"].Strategy = new RolloutStrategyOptions { Analysis = { MaxLatencyRatio = 0.5 } };

        var result = new BazaarHostOptionsValidator().Validate(null, options);

        Assert.Equal("Bazaar:Services:product-service:Strategy:Analysis:MaxLatencyRatio must be between 1 and 100 (got '0.5').", Assert.Single(result.Failures!));
    }
}
