using Bazaar.Host.Autoscaling;
using Bazaar.Host.Configuration;
using Xunit;

namespace Bazaar.Host.Tests.Autoscaling;

public sealed class HpaSpecFactoryTests
{
    private static readonly AutoscalerOptions Controller = new();

    [Fact]
    public void What_is_left_out_is_kubernetes_default()
    {
        var service = new ServiceOptions { Project = "Bazaar.Catalog", Autoscaling = new() { MinReplicas = 2, MaxReplicas = 5 } };

        var (spec, errors) = HpaSpecFactory.Create(service, Controller);

        Assert.Empty(errors);
        Assert.Equal((2, 5, 70, 500, 0.1), (spec!.MinReplicas, spec.MaxReplicas, spec.TargetCpuUtilizationPercent, spec.CpuRequestMillicores, spec.Tolerance));
        Assert.Equal(HpaBehavior.Default, spec.Behavior);
        Assert.Null(spec.SecondMetric);
    }

    [Fact]
    public void A_direction_set_in_part_keeps_the_default_for_the_rest()
    {
        var service = new ServiceOptions
        {
            Project = "Bazaar.Catalog",
            CpuRequestMillicores = 250,
            Autoscaling = new()
            {
                MaxReplicas = 4,
                Metric = new() { Name = ReplicaMetric.RequestsPerSecond, AverageValue = 200 },
                Behavior = new()
                {
                    ScaleDown = new() { StabilizationWindowSeconds = 30 },
                    ScaleUp = new() { SelectPolicy = "Min", Policies = [new() { Type = "Pods", Value = 1, PeriodSeconds = 60 }] },
                },
            },
        };

        var spec = HpaSpecFactory.Create(service, Controller).Spec!;

        Assert.Equal(250, spec.CpuRequestMillicores);
        Assert.Equal(new PerReplicaMetric("requests-per-second", 200), spec.SecondMetric);
        Assert.Equal(TimeSpan.FromSeconds(30), spec.Behavior.ScaleDown.StabilizationWindow);
        Assert.Equal(ScalingRules.DefaultScaleDown.Policies, spec.Behavior.ScaleDown.Policies);
        Assert.Equal(SelectPolicy.Min, spec.Behavior.ScaleUp.SelectPolicy);
        Assert.Equal([ScalingPolicy.Pods(1, TimeSpan.FromSeconds(60))], spec.Behavior.ScaleUp.Policies);
        Assert.Equal(TimeSpan.Zero, spec.Behavior.ScaleUp.StabilizationWindow);
    }

    [Fact]
    public void Unknown_names_are_refused_with_what_is_allowed()
    {
        var service = new ServiceOptions
        {
            Project = "Bazaar.Catalog",
            Autoscaling = new()
            {
                MaxReplicas = 4,
                Behavior = new() { ScaleUp = new() { SelectPolicy = "Fastest", Policies = [new() { Type = "Nodes", Value = 1 }] } },
            },
        };

        var (spec, errors) = HpaSpecFactory.Create(service, Controller);

        Assert.Null(spec);
        Assert.Contains(errors, error => error.Contains("SelectPolicy must be Max, Min or Disabled (was 'Fastest')", StringComparison.Ordinal));
        Assert.Contains(errors, error => error.Contains("Type must be Pods or Percent (was 'Nodes')", StringComparison.Ordinal));
    }
}
