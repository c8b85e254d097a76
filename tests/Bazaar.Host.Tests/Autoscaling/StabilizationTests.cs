using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>The stabilisation windows of the default behaviour: none up, 300 s down, the window's highest recommendation.</summary>
public sealed class StabilizationTests
{
    private static DateTimeOffset At(int seconds) => Pods.T0.AddSeconds(seconds);

    [Fact]
    public void Scale_down_waits_for_the_highest_recommendation_of_the_last_300_seconds()
    {
        var hpa = new HorizontalPodAutoscaler(Pods.Spec());
        Assert.False(hpa.Evaluate(At(0), 10, Pods.At(10, 50)).Rescale); // recommends 10

        var dip = hpa.Evaluate(At(60), 10, Pods.At(10, 20)); // recommends 4
        Assert.Equal(4, dip.RawDesiredReplicas);
        Assert.Equal(10, dip.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleDownStabilized, dip.Reason);

        Assert.Equal(10, hpa.Evaluate(At(120), 10, Pods.At(10, 30)).DesiredReplicas); // recommends 6
        Assert.Equal(10, hpa.Evaluate(At(299), 10, Pods.At(10, 20)).DesiredReplicas); // the 10 of t=0 still counts

        // 300 s on, the 10 has left the window; the highest left is the 6 of t=120.
        var later = hpa.Evaluate(At(300), 10, Pods.At(10, 20));
        Assert.Equal(4, later.RawDesiredReplicas);
        Assert.Equal(6, later.StabilizedDesiredReplicas);
        Assert.Equal(6, later.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleDownStabilized, later.Reason);

        // Once the 6 has left too, down to the 4 recommended since.
        var last = hpa.Evaluate(At(420), 6, Pods.At(6, 30));
        Assert.Equal(4, last.DesiredReplicas);
        Assert.Equal(ScaleReason.DesiredWithinRange, last.Reason);
    }

    [Fact]
    public void A_new_autoscaler_waits_a_full_window_before_its_first_scale_down()
    {
        var hpa = new HorizontalPodAutoscaler(Pods.Spec());

        Assert.Equal(10, hpa.Evaluate(At(0), 10, Pods.At(10, 5)).DesiredReplicas);
        Assert.Equal(10, hpa.Evaluate(At(299), 10, Pods.At(10, 5)).DesiredReplicas);
        Assert.Equal(1, hpa.Evaluate(At(300), 10, Pods.At(10, 5)).DesiredReplicas);
    }

    [Fact]
    public void Scale_up_is_not_stabilised_by_default()
    {
        var hpa = new HorizontalPodAutoscaler(Pods.Spec());
        Assert.Equal(4, hpa.Evaluate(At(0), 4, Pods.At(4, 10)).DesiredReplicas); // recommends 1, held back

        var decision = hpa.Evaluate(At(15), 4, Pods.At(4, 100));

        Assert.Equal(8, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.DesiredWithinRange, decision.Reason);
    }

    [Fact]
    public void A_scale_up_window_takes_the_lowest_recommendation_in_it()
    {
        var spec = Pods.Spec() with
        {
            Behavior = HpaBehavior.Default with { ScaleUp = ScalingRules.DefaultScaleUp with { StabilizationWindow = TimeSpan.FromSeconds(60) } },
        };
        var hpa = new HorizontalPodAutoscaler(spec);

        var first = hpa.Evaluate(At(0), 4, Pods.At(4, 150)); // recommends 12; the starting 4 is in the window
        Assert.Equal(4, first.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleUpStabilized, first.Reason);

        hpa.Evaluate(At(30), 4, Pods.At(4, 75)); // recommends 6
        var spike = hpa.Evaluate(At(61), 4, Pods.At(4, 150)); // recommends 12; the window's lowest is now 6

        Assert.Equal(12, spike.RawDesiredReplicas);
        Assert.Equal(6, spike.StabilizedDesiredReplicas);
        Assert.Equal(6, spike.DesiredReplicas);
        Assert.Equal(ScaleReason.ScaleUpStabilized, spike.Reason);
    }

    [Fact]
    public void A_window_never_moves_the_count_against_the_recommendation()
    {
        var hpa = new HorizontalPodAutoscaler(Pods.Spec());
        hpa.Evaluate(At(0), 4, Pods.At(4, 150)); // recommends 12, scaled to 8

        // Recommending 6 at 8 replicas: the 12 in the window holds the count at 8, never raises it.
        var decision = hpa.Evaluate(At(15), 8, Pods.At(8, 37.5));

        Assert.Equal(6, decision.RawDesiredReplicas);
        Assert.Equal(8, decision.DesiredReplicas);
    }
}
