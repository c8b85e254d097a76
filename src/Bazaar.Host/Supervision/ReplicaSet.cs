using System.Globalization;
using Bazaar.Host.Configuration;

namespace Bazaar.Host.Supervision;

/// <summary>The replicas of one revision of a Deployment (a Kubernetes ReplicaSet), all from one
/// <see cref="ReplicaTemplate"/>: named <c>&lt;deployment&gt;-&lt;ordinal&gt;</c> for the first
/// revision and <c>&lt;deployment&gt;-r&lt;revision&gt;-&lt;ordinal&gt;</c> after a rollout, grown and
/// shrunk at run time by <see cref="ScaleAsync"/>. Scaling down stops the highest ordinals gracefully:
/// unpublished first, asked to stop once every caller has seen that (the pre-stop sleep), killed
/// only after the grace period.</summary>
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
    private readonly List<ReplicaSupervisor> _replicas = [];

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
    public int ReadyReplicas => Observe().Count(replica => replica.State == ReplicaState.Ready);

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
                    var supervisor = supervisors.Create(SpecFor(_replicas.Count));
                    _replicas.Add(supervisor);
                    supervisor.Start(hostStopping);
                }
                removed = _replicas[replicas..];
                _replicas.RemoveRange(replicas, removed.Count);
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
            return [.. _replicas];
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
