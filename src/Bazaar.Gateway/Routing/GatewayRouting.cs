using Bazaar.Platform.Governance.Serving;
using Bazaar.Platform.Governance.Policy;
using Yarp.ReverseProxy.Forwarder;

namespace Bazaar.Gateway.Routing;

/// <summary>Routes and clusters come from the <c>ReverseProxy</c> configuration section. A cluster's
/// one destination is the service's logical name (<c>http://product-service</c>); the traffic
/// policy's handler under the proxy's HttpClient resolves it to a ready replica on every request.</summary>
internal static class GatewayRouting
{
    public static void AddGatewayRouting(this WebApplicationBuilder builder)
    {
        var connectTimeout = builder.Configuration.GetValue("Gateway:ConnectTimeout", TimeSpan.FromSeconds(2));
        if (connectTimeout <= TimeSpan.Zero || connectTimeout > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Gateway:ConnectTimeout must be between 0 and 1 minute.");
        }

        var routes = builder.Configuration.GetSection("ReverseProxy:Routes").GetChildren().Select(route => route.Key);
        builder.Services.Configure<GovernanceOptions>(options => options.KnownRoutes = routes.ToHashSet(StringComparer.Ordinal));
        builder.Services.AddSingleton<IForwarderHttpClientFactory>(services => new GovernedForwarderClients(services, connectTimeout));
        builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));
    }

    // Proxied requests are not load-shed here: their latency is the services', which shed for themselves.
    public static void MapGatewayRouting(this WebApplication app) => app.MapReverseProxy(proxy =>
    {
        proxy.UseUpstreamErrorProblems();
        proxy.UseRouteDeadlines();
    }).WithMetadata(new LoadSheddingExemptAttribute());
}
