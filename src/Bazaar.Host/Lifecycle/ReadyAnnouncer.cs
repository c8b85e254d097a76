using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Lifecycle;

/// <summary>Prints, once, the line a person waits for: the gateway's address as soon as every
/// service has a ready replica. It is the first URL the Host prints.</summary>
internal sealed class ReadyAnnouncer(
    IReadOnlyCollection<string> requiredServices,
    HostPaths paths,
    Func<string?> hostApiUrl,
    ILogger<ReadyAnnouncer> logger) : IReplicaObserver
{
    private bool _announced;

    public void OnChanged(IReadOnlyList<ReplicaStatus> replicas)
    {
        if (_announced || !requiredServices.All(service => replicas.Any(replica => replica.Service == service && replica.State == ReplicaState.Ready)))
        {
            return;
        }
        _announced = true;
        var gateway = replicas.FirstOrDefault(replica => replica is { Service: BazaarHostOptions.GatewayService, State: ReplicaState.Ready });
        var entry = gateway?.Url is { } url ? $"gateway {url}" : "no gateway replica is configured";
        logger.LogInformation("Bazaar is ready: {Entry}  (data in {DataDir}, logs in {Logs}, host API {HostApi})",
            entry, paths.DataDir, paths.Logs, hostApiUrl() ?? "not listening");
    }
}
