using System.Diagnostics.Metrics;

namespace Bazaar.Host.Autoscaling;

/// <summary>The autoscalers' metrics on the Host's <c>/metrics</c>: each one's last decision and
/// metric values, and how often the count changed (the replica count over time is
/// <c>bazaar_host_replicas</c>).</summary>
internal sealed class AutoscalingMetrics
{
    public const string MeterName = "Bazaar.Host.Autoscaling";

    private readonly Counter<long> _rescales;
    private readonly Dictionary<string, ScaleDecision> _last = new(StringComparer.Ordinal);

    public AutoscalingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _rescales = meter.CreateCounter<long>("bazaar.autoscaler.rescales", "{rescale}", "Replica count changes made by an autoscaler.");
        meter.CreateObservableGauge("bazaar.autoscaler.desired_replicas",
            () => Observe(decision => [(decision.DesiredReplicas, null)]), "{replica}", "The replica count each autoscaler last decided.");
        meter.CreateObservableGauge("bazaar.autoscaler.metric_value",
            () => Observe(decision => [.. decision.Metrics.Where(m => m.CurrentValue is not null).Select(m => (m.CurrentValue!.Value, (string?)m.Metric))]),
            description: "Each autoscaler's metrics at its last sync (cpu in percent of the request).");
    }

    public void Decided(string deployment, ScaleDecision decision)
    {
        lock (_last)
        {
            _last[deployment] = decision;
        }
        if (decision.Rescale)
        {
            _rescales.Add(1, new KeyValuePair<string, object?>("deployment", deployment),
                new KeyValuePair<string, object?>("direction", decision.DesiredReplicas > decision.CurrentReplicas ? "up" : "down"));
        }
    }

    private List<Measurement<double>> Observe(Func<ScaleDecision, IEnumerable<(double Value, string? Metric)>> values)
    {
        lock (_last)
        {
            return [.. _last.SelectMany(entry => values(entry.Value).Select(value => value.Metric is null
                ? new Measurement<double>(value.Value, new KeyValuePair<string, object?>("deployment", entry.Key))
                : new Measurement<double>(value.Value, new KeyValuePair<string, object?>("deployment", entry.Key), new KeyValuePair<string, object?>("metric", value.Metric))))];
        }
    }
}
