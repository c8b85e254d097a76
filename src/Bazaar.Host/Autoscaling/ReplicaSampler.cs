using Bazaar.Host.Configuration;
using Bazaar.Host.Metrics;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Autoscaling;

/// <summary>Turns what the replicas of one deployment did since the last sync into the autoscaler's
/// samples: CPU from each process's CPU time, the second metric from its <c>/metrics</c>. Like
/// Kubernetes' metrics pipeline, a replica counts only once a whole window lies after it became
/// ready; until then it is "not ready" (its start-up work says nothing about the load).</summary>
internal sealed class ReplicaSampler(ReplicaMetric? secondMetric, ReplicaMetricsReader metrics)
{
    private Dictionary<string, Reading> _previous = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<PodSample>> SampleAsync(IReadOnlyList<ReplicaObservation> replicas, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var readings = await Task.WhenAll(replicas.Select(replica => ReadAsync(replica, now, cancellationToken)));
        var samples = new List<PodSample>(replicas.Count);
        var current = new Dictionary<string, Reading>(StringComparer.Ordinal);
        foreach (var reading in readings)
        {
            if (reading is null)
            {
                samples.Add(new PodSample(Ready: false, null));
                continue;
            }
            current[reading.Replica] = reading;
            samples.Add(_previous.TryGetValue(reading.Replica, out var previous) && previous.Pid == reading.Pid
                ? Compare(previous, reading)
                : new PodSample(Ready: false, null));
        }
        _previous = current;
        return samples;
    }

    private PodSample Compare(Reading previous, Reading now)
    {
        var seconds = (now.At - previous.At).TotalSeconds;
        // Ready for the whole window: the window's CPU is load, not start-up.
        var ready = now.ReadySince is { } since && since <= previous.At;
        var cpu = now.Cpu is { } used && previous.Cpu is { } before && seconds > 0
            ? (used - before).TotalMilliseconds / seconds
            : (double?)null;
        double? second = secondMetric switch
        {
            ReplicaMetric.InFlightRequests => now.Traffic?.InFlight,
            ReplicaMetric.RequestsPerSecond when now.Traffic is { } traffic && previous.Traffic is { } earlier && seconds > 0 =>
                traffic.Since(earlier).Requests / seconds,
            _ => null,
        };
        return new PodSample(ready, cpu, second);
    }

    private async Task<Reading?> ReadAsync(ReplicaObservation replica, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (replica.Pid is not { } pid)
        {
            return null;
        }
        var traffic = secondMetric is not null && replica.Url is { } url && replica.State == ReplicaState.Ready
            ? await metrics.ReadAsync(url, cancellationToken)
            : null;
        return new Reading(replica.Replica, pid, now, replica.State == ReplicaState.Ready ? replica.ReadySince : null, replica.CpuTime, traffic);
    }

    private sealed record Reading(string Replica, int Pid, DateTimeOffset At, DateTimeOffset? ReadySince, TimeSpan? Cpu, ReplicaTraffic? Traffic);
}
