using System.Diagnostics.Metrics;
using Bazaar.Platform.Governance.Calls;

namespace Bazaar.Platform.Governance;

/// <summary>The <c>Bazaar.Governance</c> meter: what the call policy did, per called service.</summary>
public sealed class GovernanceMetrics
{
    public const string MeterName = "Bazaar.Governance";

    private readonly Counter<long> _attempts;
    private readonly Counter<long> _retriesDenied;
    private readonly Counter<long> _ejections;
    private readonly Counter<long> _shed;
    private readonly Counter<long> _degraded;

    public GovernanceMetrics(IMeterFactory meters, Upstreams upstreams, TimeProvider time)
    {
        var meter = meters.Create(MeterName);
        _attempts = meter.CreateCounter<long>("bazaar.calls.attempts", description: "Attempts of calls to other services, by service, outcome and whether it was a retry.");
        _retriesDenied = meter.CreateCounter<long>("bazaar.calls.retries_denied", description: "Retries the retry budget refused.");
        _ejections = meter.CreateCounter<long>("bazaar.calls.ejections", description: "Replicas ejected as outliers.");
        _shed = meter.CreateCounter<long>("bazaar.load_shedding.rejected", description: "Requests this replica refused at once because its concurrency limit was reached.");
        _degraded = meter.CreateCounter<long>("bazaar.degraded", description: "Responses served degraded, by the part that was left out or stale.");
        meter.CreateObservableGauge("bazaar.calls.ejected_replicas", () =>
        {
            var now = time.GetTimestamp();
            return upstreams.All.Select(upstream => new Measurement<int>(
                upstream.AllReplicas().Count(replica => replica.IsEjected(now)),
                new KeyValuePair<string, object?>("service", upstream.Service)));
        }, description: "Replicas currently ejected, by service.");
    }

    internal void Attempt(string service, CallOutcome outcome, bool retry) => _attempts.Add(1,
        new KeyValuePair<string, object?>("service", service),
        new KeyValuePair<string, object?>("outcome", outcome.ToString()),
        new KeyValuePair<string, object?>("retry", retry));

    internal void RetryDenied(string service) => _retriesDenied.Add(1, new KeyValuePair<string, object?>("service", service));

    internal void Ejected(string service) => _ejections.Add(1, new KeyValuePair<string, object?>("service", service));

    internal void Shed() => _shed.Add(1);

    /// <summary>Counts a response served without <paramref name="part"/> (or with it stale).</summary>
    public void Degraded(string part) => _degraded.Add(1, new KeyValuePair<string, object?>("part", part));
}
