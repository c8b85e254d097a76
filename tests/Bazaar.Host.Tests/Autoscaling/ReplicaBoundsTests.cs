using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>minReplicas/maxReplicas, the tolerance band and the cases where the metrics are not consulted.</summary>
public sealed class ReplicaBoundsTests
{
    private static HorizontalPodAutoscaler Unlimited(int min, int max) =>
        new(Pods.Spec(min, max) with { Behavior = Pods.Unlimited });

    [Fact]
    public void Never_above_max()
    {
        var decision = new HorizontalPodAutoscaler(Pods.Spec(max: 8)).Evaluate(Pods.T0, 5, Pods.At(5, 2000));

        Assert.Equal(200, decision.RawDesiredReplicas);
        Assert.Equal(8, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.TooManyReplicas, decision.Reason);
        Assert.Null(decision.LimitingPolicy);
    }

    [Fact]
    public void Never_below_min()
    {
        var decision = Unlimited(3, 10).Evaluate(Pods.T0, 5, Pods.At(5, 1));

        Assert.Equal(1, decision.RawDesiredReplicas);
        Assert.Equal(3, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.TooFewReplicas, decision.Reason);
    }

    [Fact]
    public void Within_tolerance_nothing_happens()
    {
        var decision = Unlimited(1, 10).Evaluate(Pods.T0, 4, Pods.At(4, 54));

        Assert.False(decision.Rescale);
        Assert.Equal(ScaleReason.DesiredWithinRange, decision.Reason);
        var cpu = Assert.Single(decision.Metrics);
        Assert.Equal(54, cpu.CurrentValue);
        Assert.True(cpu.WithinTolerance);
    }

    [Fact]
    public void A_count_above_max_is_brought_down_to_max()
    {
        var decision = Unlimited(1, 5).Evaluate(Pods.T0, 9, Pods.At(9, 100));

        Assert.Equal(5, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.CurrentAboveMax, decision.Reason);
        Assert.Empty(decision.Metrics);
    }

    [Fact]
    public void A_count_below_min_is_brought_up_to_min()
    {
        var decision = Unlimited(5, 10).Evaluate(Pods.T0, 2, Pods.At(2, 1));

        Assert.Equal(5, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.CurrentBelowMin, decision.Reason);
    }

    [Fact]
    public void Scaled_to_zero_by_hand_stays_at_zero()
    {
        var decision = Unlimited(1, 10).Evaluate(Pods.T0, 0, []);

        Assert.Equal(0, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.ScalingDisabled, decision.Reason);
    }

    [Fact]
    public void Without_metrics_nothing_changes()
    {
        var decision = Unlimited(1, 10).Evaluate(Pods.T0, 4, [Pods.Missing, Pods.Missing, Pods.NotReady, Pods.NotReady]);

        Assert.False(decision.Rescale);
        Assert.Equal(ScaleReason.MetricsUnavailable, decision.Reason);
        Assert.Contains("no ready replica reported cpu", decision.Message, StringComparison.Ordinal);
    }
}
