namespace Bazaar.Host.Autoscaling;

/// <summary>One service's autoscaling settings, with the meaning of an <c>autoscaling/v2</c>
/// HorizontalPodAutoscaler targeting average CPU utilisation (and optionally a per-replica metric).</summary>
internal sealed record HpaSpec
{
    /// <summary>The fewest replicas the autoscaler keeps (minReplicas).</summary>
    public required int MinReplicas { get; init; }

    /// <summary>The most replicas the autoscaler starts (maxReplicas).</summary>
    public required int MaxReplicas { get; init; }

    /// <summary>The average CPU use aimed for, as a percentage of <see cref="CpuRequestMillicores"/>.</summary>
    public int TargetCpuUtilizationPercent { get; init; } = 70;

    /// <summary>Each replica's CPU request: what 100% utilisation means.</summary>
    public int CpuRequestMillicores { get; init; } = 500;

    /// <summary>How far the metric may stray from the target, as a fraction, before the replica count
    /// changes (the controller's --horizontal-pod-autoscaler-tolerance).</summary>
    public double Tolerance { get; init; } = 0.1;

    /// <summary>An optional second metric; the larger of the two recommendations wins.</summary>
    public PerReplicaMetric? SecondMetric { get; init; }

    /// <summary>The rate limits and stabilisation windows of each direction.</summary>
    public HpaBehavior Behavior { get; init; } = HpaBehavior.Default;

    /// <summary>Every problem with these settings, worded for the person who wrote them; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (MinReplicas < 1)
        {
            errors.Add($"minReplicas must be at least 1 (was {MinReplicas}).");
        }
        if (MinReplicas > MaxReplicas)
        {
            errors.Add($"minReplicas ({MinReplicas}) must not be greater than maxReplicas ({MaxReplicas}).");
        }
        if (TargetCpuUtilizationPercent is < 1 or > 100)
        {
            errors.Add($"the target CPU utilisation must be between 1 and 100% (was {TargetCpuUtilizationPercent}%).");
        }
        if (CpuRequestMillicores < 1)
        {
            errors.Add($"the CPU request must be at least 1m (was {CpuRequestMillicores}m).");
        }
        if (!(Tolerance >= 0 && Tolerance < 1))
        {
            errors.Add($"the tolerance must be at least 0 and below 1 (was {Tolerance}).");
        }
        if (SecondMetric is { } metric && (string.IsNullOrWhiteSpace(metric.Name) || !(metric.TargetAverageValue > 0)))
        {
            errors.Add($"the second metric needs a name and a positive target average value (was '{metric.Name}', {metric.TargetAverageValue}).");
        }
        errors.AddRange(Behavior.ScaleUp.Validate("scaleUp"));
        errors.AddRange(Behavior.ScaleDown.Validate("scaleDown"));
        return errors;
    }
}
