using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Lifecycle;

/// <summary>Prints, once, the line a person waits for: the gateway's address as soon as every
/// service has a ready replica and the gateway can route to all of them. The gateway learns the
/// published endpoints a moment after the Host writes them, so "ready" waits for its
/// <c>/health/routes</c> (at most <see cref="RoutesDeadline"/>; then it says what is missing).
/// It is the first URL the Host prints.</summary>
internal sealed class ReadyAnnouncer(
    IReadOnlyCollection<string> requiredServices,
    HostPaths paths,
    Func<string?> hostApiUrl,
    Func<string, IReadOnlyList<string>, CancellationToken, Task<bool>> gatewayRoutesEverywhere,
    ILogger<ReadyAnnouncer> logger) : IReplicaObserver
{
    public static readonly TimeSpan RoutesDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RoutesPoll = TimeSpan.FromMilliseconds(100);

    private int _announced;

    /// <summary>Completes once the line is printed (tests wait on it).</summary>
    public Task Announced { get; private set; } = Task.CompletedTask;

    public void OnChanged(IReadOnlyList<ReplicaStatus> replicas)
    {
        if (!requiredServices.All(service => replicas.Any(replica => replica.Service == service && replica.State == ReplicaState.Ready))
            || Interlocked.Exchange(ref _announced, 1) == 1)
        {
            return;
        }
        var gateway = replicas.FirstOrDefault(replica => replica is { Service: BazaarHostOptions.GatewayService, State: ReplicaState.Ready });
        Announced = AnnounceAsync(gateway?.Url);
    }

    private async Task AnnounceAsync(string? gatewayUrl)
    {
        var entry = gatewayUrl is null ? "no gateway replica is configured" : $"gateway {gatewayUrl}";
        if (gatewayUrl is not null && !await RoutesEverywhereAsync(gatewayUrl))
        {
            logger.LogWarning("The gateway cannot route to every service yet (its /health/routes says which); the first requests may get 503");
        }
        logger.LogInformation("Bazaar is ready: {Entry}  (data in {DataDir}, logs in {Logs}, host API {HostApi})",
            entry, paths.DataDir, paths.Logs, hostApiUrl() ?? "not listening");
    }

    private async Task<bool> RoutesEverywhereAsync(string gatewayUrl)
    {
        using var deadline = new CancellationTokenSource(RoutesDeadline);
        try
        {
            var services = requiredServices.Where(service => service != BazaarHostOptions.GatewayService).ToList();
            while (!await gatewayRoutesEverywhere(gatewayUrl, services, deadline.Token)) await Task.Delay(RoutesPoll, deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
