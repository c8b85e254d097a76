using Bazaar.Platform.Governance.Policy;
using Yarp.ReverseProxy.Model;

namespace Bazaar.Gateway.RateLimiting;

/// <summary>Which limits a request is held to: none on the gateway's own plumbing (health, metrics,
/// the index, the API reference, internal endpoints), else its YARP route's own
/// <c>gateway.routes.&lt;id&gt;.rateLimit</c>, else the gateway-wide <c>gateway.rateLimit</c>.
/// <see cref="Buckets"/> names whose buckets are drawn from: the route's own, or the default ones
/// every route without limits of its own shares.</summary>
internal readonly record struct RateLimitScope(string Buckets, RateLimitPolicy Limits)
{
    private const string SharedBuckets = "";

    public static RateLimitScope? Of(HttpContext context, TrafficPolicy policy)
    {
        if (IsExempt(context.Request.Path))
        {
            return null;
        }
        var routeId = RouteIdOf(context);
        return routeId is not null && policy.Gateway.Routes.GetValueOrDefault(routeId)?.RateLimit is { } own
            ? new RateLimitScope(routeId, own)
            : new RateLimitScope(SharedBuckets, policy.Gateway.RateLimit);
    }

    /// <summary>What a rejection is counted under: the YARP route id, the pattern of one of the
    /// gateway's own endpoints, or <c>unmatched</c> (a bounded set either way).</summary>
    public static string RouteOf(HttpContext context) =>
        RouteIdOf(context) ?? (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "unmatched";

    // YARP puts each route's model on the endpoint it creates for it; routing has run by now.
    private static string? RouteIdOf(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config.RouteId;

    private static bool IsExempt(PathString path) =>
        path == "/" || path == "/metrics"
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/internal")
        || path.StartsWithSegments("/docs") || path.StartsWithSegments("/openapi");
}
