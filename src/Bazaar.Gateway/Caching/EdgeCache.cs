using Bazaar.Platform;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Bazaar.Gateway.Caching;

/// <summary>ASP.NET Core's output cache with <see cref="SharedCachePolicy"/> as its only policy,
/// plus the eviction that keeps it honest: a write through the gateway that succeeds drops what was
/// cached from the service it went to.</summary>
internal static class EdgeCache
{
    public static void AddEdgeCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<EdgeCacheOptions>().BindConfiguration("Gateway:Cache").ValidateOnStartWith<EdgeCacheOptions, EdgeCacheOptionsValidator>();
        builder.Services.AddSingleton<EdgeCacheMetrics>();
        builder.Services.AddSingleton<SharedCachePolicy>();
        builder.Services.AddSingleton<ITransformProvider>(services => services.GetRequiredService<SharedCachePolicy>());
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<EdgeCacheOptions>, SharedCachePolicy>((options, edge, policy) =>
        {
            options.SizeLimit = edge.Value.MaxBytes;
            options.MaximumBodySize = edge.Value.MaxBodyBytes;
            options.AddBasePolicy(policy);
        });
    }

    public static void UseEdgeCache(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<IOptions<EdgeCacheOptions>>().Value.Enabled) return;
        app.Use(EvictAfterWritesAsync);
        app.UseOutputCache();
    }

    private static async Task EvictAfterWritesAsync(HttpContext http, RequestDelegate next)
    {
        await next(http);
        if (HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)) return;
        if (http.Response.StatusCode >= StatusCodes.Status400BadRequest) return;
        if (SharedCachePolicy.ClusterOf(http) is not { } cluster) return;
        var store = http.RequestServices.GetRequiredService<IOutputCacheStore>();
        await store.EvictByTagAsync(cluster, CancellationToken.None);
    }
}
