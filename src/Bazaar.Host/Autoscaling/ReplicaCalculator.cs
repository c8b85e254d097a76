namespace Bazaar.Host.Autoscaling;

/// <summary>The replica count one metric asks for, as Kubernetes' replica calculator works it out:
/// <c>ceil(readyReplicas × average / target)</c>, unless within tolerance, with not-ready replicas and
/// missing metrics filled in so that they always damp the change, never amplify it.</summary>
internal static class ReplicaCalculator
{
    /// <summary>The metric name of CPU utilisation in proposals.</summary>
    public const string Cpu = "cpu";

    /// <summary>What average CPU utilisation recommends.</summary>
    public static MetricProposal ForCpu(HpaSpec spec, int currentReplicas, IReadOnlyList<PodSample> pods) =>
        Propose(
            Cpu,
            currentReplicas,
            pods,
            pod => pod.CpuMillicores * 100 / spec.CpuRequestMillicores,
            spec.TargetCpuUtilizationPercent,
            // A replica without a metric is assumed busy on a scale-down: 100% of its request
            // (or the target, were it above 100%), so an unknown load never lets replicas go.
            missingOnScaleDown: Math.Max(100, spec.TargetCpuUtilizationPercent),
            // The metrics API reports whole percents; truncating keeps decisions identical to a cluster's.
            truncateAverage: true,
            spec.Tolerance);

    /// <summary>What the per-replica average of <paramref name="metric"/> recommends.</summary>
    public static MetricProposal ForPerReplicaMetric(PerReplicaMetric metric, double tolerance, int currentReplicas, IReadOnlyList<PodSample> pods) =>
        Propose(
            metric.Name,
            currentReplicas,
            pods,
            pod => pod.SecondMetricValue,
            metric.TargetAverageValue,
            // For a plain metric Kubernetes assumes exactly the target, which keeps the ratio where the ready replicas put it.
            missingOnScaleDown: metric.TargetAverageValue,
            truncateAverage: false,
            tolerance);

    private static MetricProposal Propose(
        string name,
        int currentReplicas,
        IReadOnlyList<PodSample> pods,
        Func<PodSample, double?> valueOf,
        double target,
        double missingOnScaleDown,
        bool truncateAverage,
        double tolerance)
    {
        var readySum = 0.0;
        int readyCount = 0, unready = 0, missing = 0;
        foreach (var pod in pods)
        {
            if (!pod.Ready)
            {
                unready++;
            }
            else if (valueOf(pod) is { } value)
            {
                readySum += value;
                readyCount++;
            }
            else
            {
                missing++;
            }
        }
        if (readyCount == 0)
        {
            return new MetricProposal(name, null, target, null, Error: $"no ready replica reported {name} (replicas might be unready)");
        }

        var average = Average(readySum, readyCount, truncateAverage);
        var usageRatio = average / target;
        var scaleUpWithUnready = unready > 0 && usageRatio > 1.0;
        if (!scaleUpWithUnready && missing == 0)
        {
            return IsWithin(usageRatio, tolerance)
                ? new MetricProposal(name, average, target, currentReplicas, WithinTolerance: true)
                : new MetricProposal(name, average, target, (int)Math.Ceiling(usageRatio * readyCount));
        }

        // Fill in the replicas without a usable value so that they pull against the direction of the change.
        var sum = readySum;
        var count = readyCount;
        if (missing > 0 && usageRatio < 1.0)
        {
            sum += missing * missingOnScaleDown;
            count += missing;
        }
        else if (missing > 0 && usageRatio > 1.0)
        {
            count += missing;
        }
        if (scaleUpWithUnready)
        {
            count += unready;
        }

        var newUsageRatio = Average(sum, count, truncateAverage) / target;
        // Within tolerance now, or the filling-in reversed the direction: the evidence does not justify a change.
        if (IsWithin(newUsageRatio, tolerance) || (usageRatio < 1.0 && newUsageRatio > 1.0) || (usageRatio > 1.0 && newUsageRatio < 1.0))
        {
            return new MetricProposal(name, average, target, currentReplicas, WithinTolerance: true);
        }
        var newReplicas = (int)Math.Ceiling(newUsageRatio * count);
        // Rounding must never turn a scale-down into a scale-up or the reverse.
        if ((newUsageRatio < 1.0 && newReplicas > currentReplicas) || (newUsageRatio > 1.0 && newReplicas < currentReplicas))
        {
            return new MetricProposal(name, average, target, currentReplicas);
        }
        return new MetricProposal(name, average, target, newReplicas);
    }

    private static double Average(double sum, int count, bool truncate) =>
        truncate ? Math.Floor(sum / count) : sum / count;

    private static bool IsWithin(double usageRatio, double tolerance) => Math.Abs(1.0 - usageRatio) <= tolerance;
}
