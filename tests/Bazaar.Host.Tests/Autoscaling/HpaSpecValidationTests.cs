using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

public sealed class HpaSpecValidationTests
{
    [Fact]
    public void The_case_settings_are_valid()
    {
        var spec = new HpaSpec { MinReplicas = 5, MaxReplicas = 100 };

        Assert.Empty(spec.Validate());
        Assert.Equal(70, spec.TargetCpuUtilizationPercent);
        Assert.Equal(500, spec.CpuRequestMillicores);
        Assert.Same(HpaBehavior.Default, spec.Behavior);
    }

    [Fact]
    public void Min_above_max_is_refused_naming_both()
    {
        var error = Assert.Single(new HpaSpec { MinReplicas = 10, MaxReplicas = 5 }.Validate());

        Assert.Equal("minReplicas (10) must not be greater than maxReplicas (5).", error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Target_outside_1_to_100_is_refused(int target)
    {
        var error = Assert.Single(new HpaSpec { MinReplicas = 1, MaxReplicas = 3, TargetCpuUtilizationPercent = target }.Validate());

        Assert.Contains("between 1 and 100%", error, StringComparison.Ordinal);
        Assert.Contains($"was {target}%", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Min_below_one_is_refused()
    {
        var error = Assert.Single(new HpaSpec { MinReplicas = 0, MaxReplicas = 3 }.Validate());

        Assert.Equal("minReplicas must be at least 1 (was 0).", error);
    }

    [Fact]
    public void Bad_request_tolerance_and_second_metric_are_refused()
    {
        var spec = new HpaSpec
        {
            MinReplicas = 1,
            MaxReplicas = 3,
            CpuRequestMillicores = 0,
            Tolerance = -0.1,
            SecondMetric = new PerReplicaMetric("rps", 0),
        };

        Assert.Equal(3, spec.Validate().Count);
    }

    [Fact]
    public void Bad_policies_are_refused()
    {
        var spec = Pods.Spec() with
        {
            Behavior = new HpaBehavior(
                new ScalingRules(TimeSpan.FromSeconds(-1), SelectPolicy.Max, []),
                new ScalingRules(TimeSpan.Zero, SelectPolicy.Max, [ScalingPolicy.Pods(0, TimeSpan.Zero)])),
        };

        var errors = spec.Validate();

        Assert.Equal(4, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("scaleUp needs at least one policy", StringComparison.Ordinal));
    }

    [Fact]
    public void Disabled_direction_needs_no_policy()
    {
        var spec = Pods.Spec() with
        {
            Behavior = HpaBehavior.Default with { ScaleDown = new ScalingRules(TimeSpan.Zero, SelectPolicy.Disabled, []) },
        };

        Assert.Empty(spec.Validate());
    }

    [Fact]
    public void The_autoscaler_refuses_an_invalid_spec_listing_every_problem()
    {
        var spec = new HpaSpec { MinReplicas = 0, MaxReplicas = -1, TargetCpuUtilizationPercent = 150 };

        var exception = Assert.Throws<ArgumentException>(() => new HorizontalPodAutoscaler(spec));

        Assert.Contains("minReplicas must be at least 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("must not be greater than maxReplicas", exception.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and 100%", exception.Message, StringComparison.Ordinal);
    }
}
