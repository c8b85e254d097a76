using System.Collections.Concurrent;
using Bazaar.Platform.Governance.Serving;
using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Yarp.ReverseProxy.Model;

namespace Bazaar.Gateway.Routing;

/// <summary>Every proxied request gets a deadline: its route's timeout from the traffic policy
/// (<c>gateway.routes.&lt;id&gt;.timeout</c>), else its service's timeout, shortened by the client's own
/// deadline if it sent one. The service learns it with the call, and the client gets a 504 problem
/// when it passes.</summary>
internal static class RouteDeadlines
{
    public static void UseRouteDeadlines(this IReverseProxyApplicationBuilder proxy) => proxy.Use((context, next) =>
    {
        var proxied = context.GetReverseProxyFeature();
        var policy = context.RequestServices.GetRequiredService<TrafficPolicyStore>().Current;
        var timeout = policy.Gateway.Routes.GetValueOrDefault(proxied.Route.Config.RouteId)?.Timeout
            ?? policy.For(ServiceOf(proxied.Cluster)).Timeout;
        var time = context.RequestServices.GetRequiredService<TimeProvider>();
        var deadline = RequestDeadline.Tighten(context, timeout, time);
        return DeadlineScope.RunAsync(context, deadline, time, next);
    });

    private static readonly ConcurrentDictionary<string, string> ServiceByAddress = new(StringComparer.Ordinal);

    // A cluster's id need not be its service's name (order-service-longpoll); its destination's host is.
    private static string ServiceOf(ClusterModel cluster)
    {
        var address = cluster.Config.Destinations?.Values.FirstOrDefault()?.Address ?? "";
        return ServiceByAddress.GetOrAdd(address, static address => Uri.TryCreate(address, UriKind.Absolute, out var uri) ? uri.Host : address);
    }
}
