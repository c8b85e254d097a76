namespace Bazaar.Host.Configuration;

/// <summary>A service's HorizontalPodAutoscaler (<c>autoscaling/v2</c>), in its field names: the
/// replica count follows the replicas' average CPU use, measured from each process's CPU time, as
/// a percentage of <see cref="ServiceOptions.CpuRequestMillicores"/>.</summary>
public sealed class AutoscalingOptions
{
    public int MinReplicas { get; set; } = 1;

    public int MaxReplicas { get; set; } = 1;

    /// <summary>The average CPU use aimed for, as a percentage of the CPU request (1–100).</summary>
    public int TargetCpuUtilizationPercent { get; set; } = 70;

    /// <summary>An optional second metric; the larger recommendation wins.</summary>
    public MetricTargetOptions? Metric { get; set; }

    /// <summary>Unset directions behave as Kubernetes' defaults (scale up: the larger of +100% and +4
    /// replicas per 15 s, at once; scale down: to any count, after a 300 s stabilisation window).</summary>
    public BehaviorOptions Behavior { get; set; } = new();
}

/// <summary>Which per-replica metric, besides CPU, and the average aimed for.</summary>
public sealed class MetricTargetOptions
{
    public ReplicaMetric Name { get; set; } = ReplicaMetric.InFlightRequests;

    public double AverageValue { get; set; }
}

/// <summary>The per-replica metrics the Host reads from every replica's <c>/metrics</c>.</summary>
public enum ReplicaMetric
{
    /// <summary>Requests being served at the moment of the sync (ASP.NET Core's active requests).</summary>
    InFlightRequests,

    /// <summary>Requests answered per second over the last sync period.</summary>
    RequestsPerSecond,
}

public sealed class BehaviorOptions
{
    public ScalingRulesOptions? ScaleUp { get; set; }

    public ScalingRulesOptions? ScaleDown { get; set; }
}

/// <summary>HPAScalingRules: what is unset keeps Kubernetes' default for the direction.</summary>
public sealed class ScalingRulesOptions
{
    public double? StabilizationWindowSeconds { get; set; }

    /// <summary>Max, Min or Disabled.</summary>
    public string? SelectPolicy { get; set; }

    public List<ScalingPolicyOptions>? Policies { get; set; }
}

/// <summary>HPAScalingPolicy: at most <see cref="Value"/> Pods or Percent per <see cref="PeriodSeconds"/>.</summary>
public sealed class ScalingPolicyOptions
{
    public string Type { get; set; } = "Pods";

    public int Value { get; set; }

    public double PeriodSeconds { get; set; } = 15;
}

/// <summary>The autoscaling controller itself (kube-controller-manager's flags).</summary>
public sealed class AutoscalerOptions
{
    /// <summary>How often every autoscaler decides (--horizontal-pod-autoscaler-sync-period).</summary>
    public double SyncPeriodSeconds { get; set; } = 15;

    /// <summary>How far the metric may stray from the target before anything changes (--horizontal-pod-autoscaler-tolerance).</summary>
    public double Tolerance { get; set; } = 0.1;

    /// <summary>How many decisions per service the Host keeps to show.</summary>
    public int DecisionsKept { get; set; } = 100;

    internal TimeSpan SyncPeriod => TimeSpan.FromSeconds(SyncPeriodSeconds);
}
