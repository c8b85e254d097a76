using Bazaar.Host.Supervision;

namespace Bazaar.Host.Lifecycle;

/// <summary>Asks the gateway whether it can route to each of the given services (<c>GET /health/routes</c>;
/// the gateway's clusters are named after the services).</summary>
internal sealed class GatewayRoutes : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);

    private readonly HttpProbe _probe = new();

    public Task<bool> ReachesAsync(string gatewayUrl, IEnumerable<string> services, CancellationToken cancellationToken) =>
        _probe.CheckAsync($"{gatewayUrl.TrimEnd('/')}/health/routes?clusters={Uri.EscapeDataString(string.Join(',', services))}", Timeout, cancellationToken);

    public void Dispose() => _probe.Dispose();
}
