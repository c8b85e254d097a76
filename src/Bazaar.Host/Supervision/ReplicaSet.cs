using System.Globalization;
using Bazaar.Host.Configuration;

namespace Bazaar.Host.Supervision;

/// <summary>The replicas of one revision of a Deployment (a Kubernetes ReplicaSet), all from one
/// <see cref="ReplicaTemplate"/>: named <c>&lt;deployment&gt;-&lt;ordinal&gt;</c> for the first
/// revision and <c>&lt;deployment&gt;-r&lt;revision&gt;-&lt;ordinal&gt;</c> after a rollout, grown and
/// shrunk at run time by <see cref="ScaleAsync"/>. Scaling down takes replicas that are not ready
/// first, then the highest ordinals (the newest), as a ReplicaSet controller does, and stops them
/// gracefully: unpublished first, asked to stop once every caller has seen that (the pre-stop
/// sleep), killed only after the grace period. A new replica takes the lowest free ordinal.</summary>
internal sealed class ReplicaSet(
    string deployment,
    string service,
    ReplicaTemplate template,
    int fixedPort,
    ReplicaSupervisorFactory supervisors,
    ReplicaRegistry registry,
    TimeSpan terminationGracePeriod,
    TimeSpan preStopSleep,
    CancellationToken hostStopping)
{
    private readonly SemaphoreSlim _scaling = new(1, 1);
    private readonly List<(int Ordinal, ReplicaSupervisor Supervisor)> _replicas = [];

    public ReplicaTemplate Template => template;

    public int Replicas
    {
        get
        {
            lock (_replicas)
            {
                return _replicas.Count;
            }
        }
    }

    /// <summary>How many of its replicas are ready now.</summary>
    public int ReadyReplicas => Snapshot().Count(supervisor => supervisor.State == ReplicaState.Ready);

    public async Task ScaleAsync(int replicas, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        await _scaling.WaitAsync(cancellationToken);
        try
        {
            List<ReplicaSupervisor> removed;
            lock (_replicas)
            {
                while (_replicas.Count < replicas)
                {
                    var ordinal = Enumerable.Range(0, _replicas.Count + 1).First(free => _replicas.All(replica => replica.Ordinal != free));
                    var supervisor = supervisors.Create(SpecFor(ordinal));
                    _replicas.Add((ordinal, supervisor));
                    supervisor.Start(hostStopping);
                }
                var leaving = _replicas
                    .OrderBy(replica => replica.Supervisor.State == ReplicaState.Ready)
                    .ThenByDescending(replica => replica.Ordinal)
                    .Take(_replicas.Count - replicas)
                    .ToList();
                _replicas.RemoveAll(leaving.Contains);
                removed = [.. leaving.Select(replica => replica.Supervisor)];
            }
            await Task.WhenAll(removed.Select(async supervisor =>
            {
                await supervisor.StopAsync(terminationGracePeriod, preStopSleep);
                registry.Remove(supervisor.Replica);
            }));
        }
        finally
        {
            _scaling.Release();
        }
    }

    /// <summary>Takes every replica out of the endpoints and stops restarting them.</summary>
    public Task UnpublishAsync() => Task.WhenAll(Snapshot().Select(supervisor => supervisor.UnpublishAsync()));

    /// <summary>After <see cref="UnpublishAsync"/>: stop every replica within the grace period.</summary>
    public Task TerminateAsync() => Task.WhenAll(Snapshot().Select(supervisor => supervisor.TerminateAsync(terminationGracePeriod)));

    /// <summary>Every replica of the set as it is now.</summary>
    public IReadOnlyList<ReplicaObservation> Observe() => [.. Snapshot().Select(supervisor => supervisor.Observe())];

    private ReplicaSupervisor[] Snapshot()
    {
        lock (_replicas)
        {
            return [.. _replicas.OrderBy(replica => replica.Ordinal).Select(replica => replica.Supervisor)];
        }
    }

    private ReplicaSpec SpecFor(int ordinal)
    {
        var replica = template.Revision == 1
            ? string.Create(CultureInfo.InvariantCulture, $"{deployment}-{ordinal}")
            : string.Create(CultureInfo.InvariantCulture, $"{deployment}-r{template.Revision}-{ordinal}");
        var port = service == BazaarHostOptions.GatewayService && ordinal == 0 ? fixedPort : 0;
        return new ReplicaSpec(service, replica, template.Binary, port, template.Environment, template.Version);
    }
}
