using Bazaar.Host.Autoscaling;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>CPU with a second per-replica metric: the larger recommendation wins.</summary>
public sealed class MultipleMetricsTests
{
    private static HorizontalPodAutoscaler Hpa() => new(Pods.Spec() with
    {
        SecondMetric = new PerReplicaMetric("requests-per-second", 10),
        Behavior = Pods.Unlimited,
    });

    private static PodSample[] Replicas(int count, double cpuPercent, double? requestsPerSecond) =>
        Enumerable.Repeat(new PodSample(true, cpuPercent * Pods.RequestMillicores / 100, requestsPerSecond), count).ToArray();

    [Theory]
    [InlineData(75, 22.5)] // cpu asks 6, requests 9
    [InlineData(112.5, 15)] // cpu asks 9, requests 6
    public void The_larger_recommendation_wins(double cpuPercent, double requestsPerSecond)
    {
        var decision = Hpa().Evaluate(Pods.T0, 4, Replicas(4, cpuPercent, requestsPerSecond));

        Assert.Equal(9, decision.DesiredReplicas);
        Assert.Equal([6, 9], decision.Metrics.Select(m => m.Replicas!.Value).Order());
        Assert.Equal(["cpu", "requests-per-second"], decision.Metrics.Select(m => m.Metric));
    }

    [Fact]
    public void A_missing_metric_blocks_a_scale_down()
    {
        var decision = Hpa().Evaluate(Pods.T0, 4, Replicas(4, 10, null));

        Assert.Equal(4, decision.DesiredReplicas);
        Assert.Equal(ScaleReason.MetricsUnavailable, decision.Reason);
        Assert.Contains("requests-per-second", decision.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_metric_does_not_block_a_scale_up()
    {
        var decision = Hpa().Evaluate(Pods.T0, 4, Replicas(4, 100, null));

        Assert.Equal(8, decision.DesiredReplicas);
        Assert.Null(decision.Metrics[1].Replicas);
    }
}
