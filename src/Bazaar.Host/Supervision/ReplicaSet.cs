using System.Globalization;
using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;

namespace Bazaar.Host.Supervision;

/// <summary>The replicas of one Deployment (a Kubernetes ReplicaSet): named
/// <c>&lt;deployment&gt;-&lt;ordinal&gt;</c>, grown and shrunk at run time by <see cref="ScaleAsync"/>
/// (the autoscaler's and rollouts' lever); scaling down stops the highest ordinals gracefully:
/// unpublished first, asked to stop once every caller has seen that (the pre-stop sleep), killed
/// only after the grace period.</summary>
internal sealed class ReplicaSet(
    string deployment,
    ServiceOptions options,
    int gatewayPort,
    BinaryLocator binaries,
    ReplicaSupervisorFactory supervisors,
    ReplicaRegistry registry,
    TimeSpan terminationGracePeriod,
    TimeSpan preStopSleep,
    CancellationToken hostStopping)
{
    private readonly SemaphoreSlim _scaling = new(1, 1);
    private readonly List<ReplicaSupervisor> _replicas = [];

    public string Deployment => deployment;

    /// <summary>The logical service its replicas serve.</summary>
    public string Service => options.ServiceName(deployment);

    public ServiceOptions Options => options;

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
        var replica = string.Create(CultureInfo.InvariantCulture, $"{deployment}-{ordinal}");
        var service = options.ServiceName(deployment);
        var fixedPort = service == BazaarHostOptions.GatewayService && ordinal == 0 ? gatewayPort : 0;
        return new ReplicaSpec(service, replica, binaries.Locate(options.Project), fixedPort, options.Environment, options.Version);
    }
}
