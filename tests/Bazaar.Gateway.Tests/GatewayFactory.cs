using Xunit;
using Bazaar.Testing;

namespace Bazaar.Gateway.Tests;

/// <summary>The gateway in memory, its service names resolved to <see cref="FakeUpstreams"/>.
/// payment-service is listed at a port nobody listens on; recommendation-service times out fast.</summary>
public class GatewayFactory : ServiceFactory<Program>, IAsyncLifetime
{
    public FakeUpstreams Upstreams { get; } = new();

    public async ValueTask InitializeAsync() => await Upstreams.StartAsync();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        foreach (var (service, url) in Upstreams.UrlByService)
        {
            yield return new($"Services:{service}:http:0", service == "payment-service" ? ClosedPortUrl() : url);
        }
        yield return new("ReverseProxy:Clusters:recommendation-service:HttpRequest:ActivityTimeout", "00:00:01");
    }

    private static string ClosedPortUrl()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Upstreams.DisposeAsync();
    }
}
