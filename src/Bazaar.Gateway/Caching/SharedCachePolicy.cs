using Bazaar.Platform.Governance.Policy;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Net.Http.Headers;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Bazaar.Gateway.Caching;

/// <summary>The gateway as an HTTP shared cache (RFC 9111) in front of the services: it keeps a
/// proxied response only when the service offers it to shared caches with <c>s-maxage</c>, and
/// only as long as that says. So the service decides what may be cached and for how long (product
/// pages until its own cached copy goes stale), and the gateway only saves the hop and the work.</summary>
/// <remarks>Only routes that opt in (route metadata <c>EdgeCache: true</c>) are cached, and only
/// while the service's traffic is not split between versions (a page from one version must not
/// answer a request meant for another). Only anonymous GETs are looked up or stored: a request
/// with <c>Authorization</c> may get an answer made for its user. A request with
/// <c>Cache-Control: no-cache</c> is not answered from the cache, but its fresh response is
/// stored. The key holds the raw, still percent-encoded query string: decoded values could be
/// crafted to collide with another page's key. Entries are tagged with the route's cluster, so a
/// successful write through the gateway to a service drops every page cached from it
/// (<see cref="EdgeCache"/>). Concurrent misses on one page wait for the first (locking), so an
/// expired popular page costs the service one request, not a stampede.
/// <para>The decision to store is taken in a proxy response transform (<see cref="Apply"/>), once
/// the service's headers are in and before its body is copied: the output cache fixes an entry's
/// lifetime when the body starts, before a policy's ServeResponseAsync runs.</para></remarks>
internal sealed class SharedCachePolicy(EdgeCacheMetrics metrics, TrafficPolicyStore traffic) : IOutputCachePolicy, ITransformProvider
{
    public const string RouteMetadataKey = "EdgeCache";

    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var request = context.HttpContext.Request;
        var route = RouteOf(context.HttpContext);
        var cluster = route?.ClusterId;
        var cacheable = cluster is not null
            && route!.Metadata?.GetValueOrDefault(RouteMetadataKey) == "true"
            && traffic.Current.For(cluster).Routes.Count == 0
            && HttpMethods.IsGet(request.Method)
            && !request.Headers.ContainsKey(HeaderNames.Authorization);
        context.EnableOutputCaching = cacheable;
        if (!cacheable) return ValueTask.CompletedTask;

        var asked = CacheControlHeaderValue.TryParse(request.Headers.CacheControl.ToString(), out var directives) ? directives : null;
        context.AllowCacheLookup = asked is not { NoCache: true } and not { NoStore: true };
        // Tentative: it makes the output cache buffer the body. Only a lifetime set by Apply keeps it.
        context.AllowCacheStorage = asked is not { NoStore: true };
        context.AllowLocking = true;
        context.CacheVaryByRules.VaryByValues["query"] = request.QueryString.Value ?? "";
        context.Tags.Add(cluster!);
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.Hit();
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.Miss();
        // No lifetime: no proxied response offered one (the gateway answered itself, or the service
        // failed). A forwarder error: the body may be cut short.
        if (context.ResponseExpirationTimeSpan is null || context.HttpContext.Features.Get<IForwarderErrorFeature>() is not null)
        {
            context.AllowCacheStorage = false;
        }
        return ValueTask.CompletedTask;
    }

    public void Apply(TransformBuilderContext context) => context.AddResponseTransform(transform =>
    {
        if (transform.HttpContext.Features.Get<IOutputCacheFeature>()?.Context is not { EnableOutputCaching: true } cache) return ValueTask.CompletedTask;
        var response = transform.HttpContext.Response;
        // Vary would need the varying request headers in the key; nothing offered here varies today.
        var lifetime = response.StatusCode == StatusCodes.Status200OK && !response.Headers.ContainsKey(HeaderNames.SetCookie) && !response.Headers.ContainsKey(HeaderNames.Vary)
            ? SharedLifetime(response.Headers.CacheControl)
            : null;
        cache.AllowCacheStorage = lifetime is not null;
        cache.ResponseExpirationTimeSpan = lifetime;
        return ValueTask.CompletedTask;
    });

    public void ValidateRoute(TransformRouteValidationContext context) { }

    public void ValidateCluster(TransformClusterValidationContext context) { }

    /// <summary>How long a shared cache may keep the response: its <c>s-maxage</c>, unless it is
    /// private, no-store or no-cache. <c>max-age</c> alone is the browser's and is not used here.</summary>
    private static TimeSpan? SharedLifetime(string? cacheControl)
    {
        if (!CacheControlHeaderValue.TryParse(cacheControl, out var directives)) return null;
        if (directives.Private || directives.NoStore || directives.NoCache) return null;
        return directives.SharedMaxAge is { } lifetime && lifetime > TimeSpan.Zero ? lifetime : null;
    }

    /// <summary>The YARP cluster the request is routed to; null for the gateway's own endpoints.</summary>
    internal static string? ClusterOf(HttpContext http) => RouteOf(http)?.ClusterId;

    private static RouteConfig? RouteOf(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<RouteModel>()?.Config;
}
