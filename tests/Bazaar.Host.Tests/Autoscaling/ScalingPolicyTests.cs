using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>The rate-limiting policies: periods, Percent and Pods, selectPolicy Max/Min/Disabled.</summary>
public sealed class ScalingPolicyTests
{
    private static readonly TimeSpan Fifteen = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Minute = TimeSpan.FromSeconds(60);

    private static DateTimeOffset At(int seconds) => Pods.T0.AddSeconds(seconds);

    private static HorizontalPodAutoscaler WithScaleUp(ScalingRules rules) =>
        new(Pods.Spec() with { Behavior = HpaBehavior.Default with { ScaleUp = rules } });

    private static HorizontalPodAutoscaler WithScaleDown(ScalingRules rules) =>
        new(Pods.Spec() with { Behavior = HpaBehavior.Default with { ScaleDown = rules } });

    [Fact]
    public void From_few_replicas_scale_up_adds_four()
    {
        var decision = new HorizontalPodAutoscaler(Pods.Spec()).Evaluate(At(0), 2, Pods.At(2, 500));

        Assert.Equal(20, decision.RawDesiredReplicas);
        Assert.Equal(6, decision.DesiredReplicas); // +4 beats +100% (4)
        Assert.Equal(ScaleReason.ScaleUpLimit, decision.Reason);
        Assert.Equal(ScalingPolicy.Pods(4, Fifteen), decision.LimitingPolicy);
    }

    [Fact]
    public void From_many_replicas_scale_up_doubles()
    {
        var decision = new HorizontalPodAutoscaler(Pods.Spec()).Evaluate(At(0), 10, Pods.At(10, 200));

        Assert.Equal(40, decision.RawDesiredReplicas);
        Assert.Equal(20, decision.DesiredReplicas); // +100% beats +4
        Assert.Equal(ScalingPolicy.Percent(100, Fifteen), decision.LimitingPolicy);
    }

    [Fact]
    public void The_period_counts_the_changes_already_made_in_it()
    {
        var hpa = new HorizontalPodAutoscaler(Pods.Spec());
        Assert.Equal(20, hpa.Evaluate(At(0), 10, Pods.At(10, 200)).DesiredReplicas);

        // 5 s later the period started at 10 replicas: 20 is all it allows.
        var held = hpa.Evaluate(At(5), 20, Pods.At(20, 200));
        Assert.Equal(20, held.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleUpLimit, held.Reason);

        // A full period later the scale-up of t=0 no longer counts.
        Assert.Equal(40, hpa.Evaluate(At(15), 20, Pods.At(20, 200)).DesiredReplicas);
    }

    [Fact]
    public void Select_policy_min_takes_the_smaller_change()
    {
        var hpa = WithScaleUp(ScalingRules.DefaultScaleUp with { SelectPolicy = SelectPolicy.Min });

        var decision = hpa.Evaluate(At(0), 10, Pods.At(10, 200));

        Assert.Equal(14, decision.DesiredReplicas);
        Assert.Equal(ScalingPolicy.Pods(4, Fifteen), decision.LimitingPolicy);
    }

    [Fact]
    public void A_percentage_rounds_up_so_that_a_few_replicas_can_still_grow()
    {
        var hpa = WithScaleUp(new ScalingRules(TimeSpan.Zero, SelectPolicy.Max, [ScalingPolicy.Percent(10, Fifteen)]));

        Assert.Equal(4, hpa.Evaluate(At(0), 3, Pods.At(3, 200)).DesiredReplicas); // ceil(3 × 1.1)
    }

    [Fact]
    public void Disabled_scale_up_keeps_the_count()
    {
        var hpa = WithScaleUp(ScalingRules.DefaultScaleUp with { SelectPolicy = SelectPolicy.Disabled });

        var decision = hpa.Evaluate(At(0), 4, Pods.At(4, 200));

        Assert.Equal(4, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleUpDisabled, decision.Reason);
        Assert.Null(decision.LimitingPolicy);
    }

    [Fact]
    public void Disabled_scale_down_keeps_the_count()
    {
        var hpa = WithScaleDown(new ScalingRules(TimeSpan.Zero, SelectPolicy.Disabled, []));

        var decision = hpa.Evaluate(At(0), 10, Pods.At(10, 5));

        Assert.Equal(10, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleDownDisabled, decision.Reason);
    }

    [Fact]
    public void A_scale_down_policy_limits_removals_per_period()
    {
        var hpa = WithScaleDown(new ScalingRules(TimeSpan.Zero, SelectPolicy.Max, [ScalingPolicy.Pods(1, Minute)]));

        var first = hpa.Evaluate(At(0), 10, Pods.At(10, 10));
        Assert.Equal(2, first.RawDesiredReplicas);
        Assert.Equal(9, first.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleDownLimit, first.Reason);
        Assert.Equal(ScalingPolicy.Pods(1, Minute), first.LimitingPolicy);

        Assert.Equal(9, hpa.Evaluate(At(30), 9, Pods.At(9, 10)).DesiredReplicas);
        Assert.Equal(8, hpa.Evaluate(At(60), 9, Pods.At(9, 10)).DesiredReplicas);
    }

    [Theory]
    [InlineData("Max", 90)]
    [InlineData("Min", 95)]
    public void Scale_down_select_policy_picks_the_largest_or_smallest_removal(string select, int expected)
    {
        var hpa = WithScaleDown(new ScalingRules(TimeSpan.Zero, Enum.Parse<SelectPolicy>(select), [ScalingPolicy.Percent(10, Minute), ScalingPolicy.Pods(5, Minute)]));

        var decision = hpa.Evaluate(At(0), 100, Pods.At(100, 5));

        Assert.Equal(10, decision.RawDesiredReplicas);
        Assert.Equal(expected, decision.DesiredReplicas);
    }
}
