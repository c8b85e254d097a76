using Bazaar.Host.Releases;
using Xunit;

namespace Bazaar.Host.Tests.Releases;

/// <summary>The rolling update's arithmetic, against what a Deployment controller does with the same counts.</summary>
public sealed class RollingUpdatePlanTests
{
    [Fact]
    public void With_one_surge_and_none_unavailable_it_adds_one_then_swaps_one_for_one()
    {
        // desired 3: a fourth replica first.
        Assert.Equal(1, RollingUpdatePlan.ScaleUpTo(desired: 3, maxSurge: 1, oldCount: 3, newCount: 0));
        // It is not ready yet: nothing more may start, nothing may go.
        Assert.Null(RollingUpdatePlan.ScaleUpTo(3, 1, oldCount: 3, newCount: 1));
        Assert.Equal(0, RollingUpdatePlan.OldToRemove(3, 0, oldCount: 3, oldReady: 3, newCount: 1, newReady: 0));
        // Ready: one old one goes, then the next new one may start.
        Assert.Equal(1, RollingUpdatePlan.OldToRemove(3, 0, oldCount: 3, oldReady: 3, newCount: 1, newReady: 1));
        Assert.Equal(2, RollingUpdatePlan.ScaleUpTo(3, 1, oldCount: 2, newCount: 1));
    }

    [Fact]
    public void With_none_surging_and_one_unavailable_it_takes_one_away_first()
    {
        Assert.Null(RollingUpdatePlan.ScaleUpTo(desired: 2, maxSurge: 0, oldCount: 2, newCount: 0));
        Assert.Equal(1, RollingUpdatePlan.OldToRemove(2, maxUnavailable: 1, oldCount: 2, oldReady: 2, newCount: 0, newReady: 0));
        Assert.Equal(1, RollingUpdatePlan.ScaleUpTo(2, 0, oldCount: 1, newCount: 0));
    }

    [Fact]
    public void An_unhealthy_old_replica_goes_as_soon_as_a_new_one_is_ready()
    {
        // The fix for a crash-looping version: its replica is not ready, the new one is.
        Assert.Equal(1, RollingUpdatePlan.OldToRemove(desired: 1, maxUnavailable: 0, oldCount: 1, oldReady: 0, newCount: 1, newReady: 1));
    }

    [Fact]
    public void Unhealthy_old_replicas_go_before_ready_ones_and_never_below_the_minimum_available()
    {
        // desired 3, surge 1: 3 old (1 crash-looping) and 1 new, ready. Ready: 3 = the minimum,
        // so only the unhealthy one may go.
        Assert.Equal(1, RollingUpdatePlan.OldToRemove(3, 0, oldCount: 3, oldReady: 2, newCount: 1, newReady: 1));
    }

    [Fact]
    public void A_new_replica_that_is_not_ready_holds_old_ones_back()
    {
        Assert.Equal(0, RollingUpdatePlan.OldToRemove(desired: 2, maxUnavailable: 0, oldCount: 2, oldReady: 2, newCount: 1, newReady: 0));
    }
}
