using Bazaar.Platform.Governance;
using Yarp.ReverseProxy.Forwarder;

namespace Bazaar.Gateway.Routing;

/// <summary>The proxy's HttpClients send through the same traffic policy as every service's own
/// calls: the cluster destination stays the logical name (<c>http://product-service</c>), and the
/// governed handler picks the version and replica, retries and ejects. A replica that is gone
/// must fail fast (<paramref name="connectTimeout"/>), so it is retried elsewhere or answered, never a hang.</summary>
internal sealed class GovernedForwarderClients(IServiceProvider services, TimeSpan connectTimeout) : ForwarderHttpClientFactory
{
    protected override void ConfigureHandler(ForwarderHttpClientContext context, SocketsHttpHandler handler)
    {
        base.ConfigureHandler(context, handler);
        handler.ConnectTimeout = connectTimeout;
    }

    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler)
    {
        var governed = services.CreateGovernedHandler(routeDeadlineIsBudget: true);
        governed.InnerHandler = base.WrapHandler(context, handler);
        return governed;
    }
}
