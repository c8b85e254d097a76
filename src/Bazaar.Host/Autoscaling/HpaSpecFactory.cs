using Bazaar.Host.Configuration;

namespace Bazaar.Host.Autoscaling;

/// <summary>Turns a service's <see cref="AutoscalingOptions"/> into the autoscaler's <see cref="HpaSpec"/>,
/// with Kubernetes' defaults for whatever is left out.</summary>
internal static class HpaSpecFactory
{
    /// <summary>The spec, or every problem with the settings (worded for the person who wrote them).</summary>
    public static (HpaSpec? Spec, IReadOnlyList<string> Errors) Create(ServiceOptions service, AutoscalerOptions controller)
    {
        var autoscaling = service.Autoscaling ?? throw new ArgumentException("The service is not autoscaled.", nameof(service));
        var errors = new List<string>();
        var scaleUp = Rules(autoscaling.Behavior?.ScaleUp, ScalingRules.DefaultScaleUp, "Behavior:ScaleUp", errors);
        var scaleDown = Rules(autoscaling.Behavior?.ScaleDown, ScalingRules.DefaultScaleDown, "Behavior:ScaleDown", errors);
        var spec = new HpaSpec
        {
            MinReplicas = autoscaling.MinReplicas,
            MaxReplicas = autoscaling.MaxReplicas,
            TargetCpuUtilizationPercent = autoscaling.TargetCpuUtilizationPercent,
            CpuRequestMillicores = service.CpuRequestMillicores,
            Tolerance = controller.Tolerance,
            SecondMetric = autoscaling.Metric is { } metric ? new PerReplicaMetric(MetricName(metric.Name), metric.AverageValue) : null,
            Behavior = new HpaBehavior(scaleUp, scaleDown),
        };
        errors.AddRange(spec.Validate());
        return errors.Count == 0 ? (spec, errors) : (null, errors);
    }

    /// <summary>The name a metric has in decisions, logs and the status API.</summary>
    public static string MetricName(ReplicaMetric metric) => metric switch
    {
        ReplicaMetric.InFlightRequests => "in-flight-requests",
        ReplicaMetric.RequestsPerSecond => "requests-per-second",
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, null),
    };

    private static ScalingRules Rules(ScalingRulesOptions? options, ScalingRules defaults, string setting, List<string> errors)
    {
        if (options is null)
        {
            return defaults;
        }
        var select = defaults.SelectPolicy;
        if (options.SelectPolicy is { } text && !Enum.TryParse(text, ignoreCase: false, out select))
        {
            errors.Add($"{setting}:SelectPolicy must be Max, Min or Disabled (was '{text}').");
        }
        var policies = defaults.Policies;
        if (options.Policies is { } configured)
        {
            policies = [.. configured.Select(policy => Policy(policy, setting, errors))];
        }
        var window = options.StabilizationWindowSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : defaults.StabilizationWindow;
        return new ScalingRules(window, select, policies);
    }

    private static ScalingPolicy Policy(ScalingPolicyOptions policy, string setting, List<string> errors)
    {
        if (!Enum.TryParse<ScalingPolicyType>(policy.Type, ignoreCase: false, out var type))
        {
            errors.Add($"{setting}:Policies: a policy's Type must be Pods or Percent (was '{policy.Type}').");
        }
        return new ScalingPolicy(type, policy.Value, TimeSpan.FromSeconds(policy.PeriodSeconds));
    }
}
