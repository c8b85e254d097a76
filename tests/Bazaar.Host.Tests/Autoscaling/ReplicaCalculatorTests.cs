using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>The per-metric rule of the Kubernetes documentation's "Algorithm details".</summary>
public sealed class ReplicaCalculatorTests
{
    private static int? Cpu(int target, int current, params PodSample[] pods) =>
        ReplicaCalculator.ForCpu(Pods.Spec(target: target), current, pods).Replicas;

    [Fact]
    public void Double_the_target_doubles_the_replicas()
    {
        // The docs: current 200m, desired 100m -> 200/100 = 2.0 -> replicas doubled.
        Assert.Equal(8, Cpu(10, 4, Pods.At(4, 20)));
    }

    [Fact]
    public void Half_the_target_halves_the_replicas()
    {
        // The docs: current 50m, desired 100m -> 50/100 = 0.5 -> replicas halved.
        Assert.Equal(2, Cpu(10, 4, Pods.At(4, 5)));
    }

    [Fact]
    public void Rounds_up()
    {
        // 3 replicas at 80% of 50% -> ceil(3 × 1.6) = ceil(4.8) = 5.
        Assert.Equal(5, Cpu(50, 3, [.. Pods.At(1, 80), .. Pods.At(1, 60), .. Pods.At(1, 100)]));
    }

    [Theory]
    [InlineData(76)] // ratio 1.086
    [InlineData(64)] // ratio 0.914
    [InlineData(70)]
    public void Within_the_tolerance_of_ten_percent_nothing_changes(int utilisation)
    {
        var proposal = ReplicaCalculator.ForCpu(Pods.Spec(target: 70), 7, Pods.At(5, utilisation));

        // Even with only 5 of 7 replicas reporting: inside the band, the current count stands.
        Assert.Equal(7, proposal.Replicas);
        Assert.True(proposal.WithinTolerance);
    }

    [Fact]
    public void Just_outside_the_tolerance_scales()
    {
        // 78/70 = 1.114 -> ceil(10 × 1.114) = 12.
        Assert.Equal(12, Cpu(70, 10, Pods.At(10, 78)));
        // 62/70 = 0.886 -> ceil(10 × 0.886) = 9.
        Assert.Equal(9, Cpu(70, 10, Pods.At(10, 62)));
    }

    [Fact]
    public void Utilisation_is_truncated_to_whole_percents_like_the_metrics_api()
    {
        var proposal = ReplicaCalculator.ForCpu(Pods.Spec(target: 50), 3, [.. Pods.At(2, 100), .. Pods.At(1, 0.9)]);

        Assert.Equal(66, proposal.CurrentValue); // 200.9 / 3 = 66.97, truncated, not rounded
    }

    [Fact]
    public void Not_ready_replicas_count_as_zero_when_scaling_up()
    {
        // Ready ones at 150% of 50% (×3); the naive ceil(current × ratio) would say 12.
        // With the two not-ready ones at 0%: average 75% -> ceil(4 × 1.5) = 6.
        Assert.Equal(6, Cpu(50, 4, [.. Pods.At(2, 150), Pods.NotReady, Pods.NotReady]));
    }

    [Fact]
    public void Not_ready_replicas_do_not_cause_a_scale_up_the_ready_ones_barely_ask_for()
    {
        // Ready at 60% of 50% (×1.2) would mean ceil(2 × 1.2) = 3; with the not-ready ones at 0% the
        // average is 30%, the direction reverses, so the count stays.
        Assert.Equal(4, Cpu(50, 4, [.. Pods.At(2, 60), Pods.NotReady, Pods.NotReady]));
    }

    [Fact]
    public void Not_ready_replicas_at_zero_can_bring_a_scale_up_within_tolerance()
    {
        // Ready ones at 105% of 50% alone ask for ceil(2 × 2.1) = 5; with the not-ready ones at 0%
        // the average is 52% (×1.04), within tolerance.
        Assert.Equal(4, Cpu(50, 4, [.. Pods.At(2, 105), Pods.NotReady, Pods.NotReady]));
    }

    [Fact]
    public void Not_ready_replicas_are_left_out_when_scaling_down()
    {
        // Only the ready replicas count: ceil(2 × 20/50) = 1.
        Assert.Equal(1, Cpu(50, 4, [.. Pods.At(2, 20), Pods.NotReady, Pods.NotReady]));
    }

    [Fact]
    public void Missing_metrics_count_as_100_percent_when_scaling_down()
    {
        // 3 at 10% of 50% (×0.2) alone would give ceil(3 × 0.2) = 1; the missing one at 100%
        // makes the average (30 + 100) / 4 = 32% -> ceil(4 × 0.64) = 3.
        Assert.Equal(3, Cpu(50, 4, [.. Pods.At(3, 10), Pods.Missing]));
    }

    [Fact]
    public void A_missing_metric_that_reverses_a_scale_down_keeps_the_count()
    {
        // 3 at 40% of 50% (×0.8); with the missing one at 100%: 55% (×1.1), the other way: no change.
        Assert.Equal(4, Cpu(50, 4, [.. Pods.At(3, 40), Pods.Missing]));
    }

    [Fact]
    public void Missing_metrics_count_as_zero_when_scaling_up()
    {
        // 3 at 100% of 50% (×2); the missing one at 0%: 75% -> ceil(4 × 1.5) = 6 (not 8).
        Assert.Equal(6, Cpu(50, 4, [.. Pods.At(3, 100), Pods.Missing]));
    }

    [Fact]
    public void A_missing_metric_that_brings_a_scale_up_within_tolerance_keeps_the_count()
    {
        // 3 at 70% of 50% (×1.4); the missing one at 0%: 52% (×1.04), within tolerance.
        var proposal = ReplicaCalculator.ForCpu(Pods.Spec(target: 50), 4, [.. Pods.At(3, 70), Pods.Missing]);

        Assert.Equal(4, proposal.Replicas);
        Assert.True(proposal.WithinTolerance);
    }

    [Fact]
    public void Without_any_ready_metric_there_is_no_recommendation()
    {
        var proposal = ReplicaCalculator.ForCpu(Pods.Spec(), 3, [Pods.Missing, Pods.NotReady, Pods.NotReady]);

        Assert.Null(proposal.Replicas);
        Assert.Null(proposal.CurrentValue);
        Assert.Contains("no ready replica reported cpu", proposal.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_per_replica_metric_uses_its_raw_average()
    {
        var metric = new PerReplicaMetric("requests-per-second", 10);
        PodSample[] pods = [new(true, 0, 20), new(true, 0, 30), new(true, 0, 25), new(true, 0, 25)];

        var proposal = ReplicaCalculator.ForPerReplicaMetric(metric, 0.1, 4, pods);

        Assert.Equal(25, proposal.CurrentValue);
        Assert.Equal(10, proposal.Replicas); // ceil(4 × 2.5)
    }

    [Fact]
    public void A_per_replica_metric_assumes_the_target_for_missing_values_when_scaling_down()
    {
        var metric = new PerReplicaMetric("in-flight", 10);
        // Two at 2 (×0.2) and two unknown at the target 10: average 6 -> ceil(4 × 0.6) = 3.
        PodSample[] pods = [new(true, 0, 2), new(true, 0, 2), new(true, 0, null), new(true, 0, null)];

        Assert.Equal(3, ReplicaCalculator.ForPerReplicaMetric(metric, 0.1, 4, pods).Replicas);
    }
}
