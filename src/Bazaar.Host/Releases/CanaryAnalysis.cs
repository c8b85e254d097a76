using Bazaar.Host.Configuration;
using Bazaar.Host.Metrics;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Releases;

/// <summary>Measures one analysis window: every ready replica's request counters of both revisions
/// are read at its start and end (from their own <c>/metrics</c>, the server's view, so retries a
/// caller made elsewhere do not hide a failure), and the differences judged.</summary>
internal sealed class CanaryAnalysis(ReplicaMetricsReader metrics, TimeProvider time)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The verdict over one window with both versions' numbers; a null verdict when
    /// <paramref name="promoted"/> became true during the window. A canary replica that restarted
    /// or was not ready at the end is a breach whatever its numbers: a crashing replica serves
    /// nothing, and would otherwise look healthy.</summary>
    public async Task<(CanaryVerdict? Verdict, VersionSummary Stable, VersionSummary Canary)> JudgeWindowAsync(
        ReplicaSet stable, ReplicaSet canary, CanaryAnalysisOptions options, Func<bool> promoted, CancellationToken cancellationToken)
    {
        var canaryAtStart = canary.Observe();
        var stableStart = await ReadAsync(stable, cancellationToken);
        var canaryStart = await ReadAsync(canary, cancellationToken);
        var end = time.GetUtcNow() + options.Interval;
        while (time.GetUtcNow() < end)
        {
            if (promoted())
            {
                return (null, VersionSummary.Empty(stable.Template.Version), VersionSummary.Empty(canary.Template.Version));
            }
            await Task.Delay(PollInterval, time, cancellationToken);
        }
        var stableWindow = new VersionTraffic(stable.Template.Version, Window(stableStart, await ReadAsync(stable, cancellationToken)));
        var canaryWindow = new VersionTraffic(canary.Template.Version, Window(canaryStart, await ReadAsync(canary, cancellationToken)));
        var unsteady = canary.Observe()
            .Where(replica => replica.State != ReplicaState.Ready || canaryAtStart.All(before => before.Replica != replica.Replica || before.Pid != replica.Pid))
            .Select(replica => $"{replica.Replica} {replica.State}")
            .ToList();
        var verdict = unsteady.Count > 0
            ? new CanaryVerdict(CanaryOutcome.Breach, $"{canary.Template.Version} replicas restarted or were not ready in the window: {string.Join(", ", unsteady)}")
            : CanaryJudge.Judge(stableWindow, canaryWindow, options);
        return (verdict, VersionSummary.Of(stableWindow), VersionSummary.Of(canaryWindow));
    }

    /// <summary>Each ready replica's counters, by replica and process: a restarted replica's counters start again.</summary>
    private async Task<Dictionary<(string Replica, int Pid), ReplicaTraffic>> ReadAsync(ReplicaSet set, CancellationToken cancellationToken)
    {
        var ready = set.Observe().Where(replica => replica is { State: ReplicaState.Ready, Url: not null, Pid: not null }).ToList();
        var readings = await Task.WhenAll(ready.Select(replica => metrics.ReadAsync(replica.Url!, cancellationToken)));
        return ready.Zip(readings)
            .Where(pair => pair.Second is not null)
            .ToDictionary(pair => (pair.First.Replica, pair.First.Pid!.Value), pair => pair.Second!);
    }

    /// <summary>The traffic of the replica processes read at both ends of the window.</summary>
    private static ReplicaTraffic Window(Dictionary<(string, int), ReplicaTraffic> start, Dictionary<(string, int), ReplicaTraffic> end) =>
        ReplicaTraffic.Sum(end.Where(replica => start.ContainsKey(replica.Key)).Select(replica => replica.Value.Since(start[replica.Key])));
}

/// <summary>One version's numbers over a window, as the rollout status shows them.</summary>
/// <param name="P99Milliseconds">The upper bound of the bucket holding the P99; null without requests or beyond the largest bucket.</param>
internal sealed record VersionSummary(string Version, double Requests, double ErrorRate, double? P99Milliseconds)
{
    public static VersionSummary Empty(string version) => new(version, 0, 0, null);

    public static VersionSummary Of(VersionTraffic window) =>
        new(window.Version, window.Traffic.Requests, window.Traffic.ErrorRate,
            window.Traffic.Quantile(0.99) is { } p99 && double.IsFinite(p99) ? p99 * 1000 : null);
}

/// <summary>One analysis window of a canary step.</summary>
internal sealed record AnalysisRecord(DateTimeOffset At, int Weight, VersionSummary Stable, VersionSummary Canary, string Outcome, string Reason);
