using System.Diagnostics.Metrics;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Metrics;

/// <summary>The Host's own gauge of what runs: replicas per service, version and state, so the
/// replica count over time (what the autoscaler and rollouts did) is a Prometheus query.</summary>
internal sealed class HostMetrics
{
    public const string MeterName = "Bazaar.Host";

    public HostMetrics(IMeterFactory meters, ReplicaRegistry registry)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("bazaar.host.replicas", () => registry.Snapshot()
            .GroupBy(replica => (replica.Service, replica.Version, replica.State))
            .Select(group => new Measurement<int>(group.Count(),
                new KeyValuePair<string, object?>("service", group.Key.Service),
                new KeyValuePair<string, object?>("version", group.Key.Version),
                new KeyValuePair<string, object?>("state", group.Key.State.ToString()))),
            "{replica}", "Replicas by service, version and state.");
    }
}
