namespace Bazaar.Gateway.Routing;

/// <summary>Routes and clusters come from the <c>ReverseProxy</c> configuration section; cluster
/// destinations are logical names (<c>http://product-service</c>) that service discovery expands
/// into the ready replicas, re-resolved whenever the published endpoints change.</summary>
internal static class GatewayRouting
{
    public static void AddGatewayRouting(this WebApplicationBuilder builder)
    {
        var connectTimeout = builder.Configuration.GetValue("Gateway:ConnectTimeout", TimeSpan.FromSeconds(2));
        if (connectTimeout <= TimeSpan.Zero || connectTimeout > TimeSpan.FromMinutes(1))
        {
            throw new InvalidOperationException("Gateway:ConnectTimeout must be between 0 and 1 minute.");
        }

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddServiceDiscoveryDestinationResolver()
            // A replica that is gone must fail fast, so the answer is a quick 502, never a hang.
            .ConfigureHttpClient((_, handler) => handler.ConnectTimeout = connectTimeout);
    }

    public static void MapGatewayRouting(this WebApplication app) =>
        app.MapReverseProxy(proxy => proxy.UseUpstreamErrorProblems());
}
