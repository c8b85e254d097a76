using Bazaar.Host.Autoscaling;

namespace Bazaar.Host.Tests.Autoscaling;

/// <summary>Replica samples in utilisation terms, for a CPU request of <see cref="RequestMillicores"/>.</summary>
internal static class Pods
{
    public const int RequestMillicores = 1000;

    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static PodSample NotReady { get; } = new(Ready: false, CpuMillicores: null);

    public static PodSample Missing { get; } = new(Ready: true, CpuMillicores: null);

    public static PodSample[] At(int count, double utilisationPercent) =>
        Enumerable.Repeat(new PodSample(true, utilisationPercent * RequestMillicores / 100), count).ToArray();

    public static HpaSpec Spec(int min = 1, int max = 100, int target = 50) => new()
    {
        MinReplicas = min,
        MaxReplicas = max,
        TargetCpuUtilizationPercent = target,
        CpuRequestMillicores = RequestMillicores,
    };

    /// <summary>Behaviour without windows or rate limits worth noticing, to test one rule at a time.</summary>
    public static HpaBehavior Unlimited { get; } = new(
        new ScalingRules(TimeSpan.Zero, SelectPolicy.Max, [ScalingPolicy.Percent(1000, TimeSpan.FromSeconds(15))]),
        new ScalingRules(TimeSpan.Zero, SelectPolicy.Max, [ScalingPolicy.Percent(100, TimeSpan.FromSeconds(15))]));
}
