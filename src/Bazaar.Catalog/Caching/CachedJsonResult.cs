using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Bazaar.Catalog.Caching;

/// <summary>A cached JSON body with its ETag; 304 without a body when the client already has it. A
/// page served stale says so: <c>Bazaar-Degraded: stale-catalog</c> and its <c>Age</c> in seconds.</summary>
/// <remarks>Browsers must revalidate every time (<c>max-age=0</c>, answered cheaply by the ETag).
/// Shared caches (the gateway) may keep a fresh page for what is left of its freshness here
/// (<c>s-maxage</c>), so a page is never older anywhere than this cache allows. A stale page, or one
/// with less than a second left, is not offered to them.</remarks>
internal sealed class CachedJsonResult(CatalogPage page) : IResult
{
    public const string DegradedHeader = "Bazaar-Degraded";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var json = page.Json;
        var response = httpContext.Response;
        response.Headers.ETag = json.ETag;
        var freshFor = (long)(json.FreshUntil - httpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()).TotalSeconds;
        response.Headers.CacheControl = page.Stale is null && freshFor >= 1
            ? "public, max-age=0, s-maxage=" + freshFor.ToString(CultureInfo.InvariantCulture)
            : "no-cache";
        if (page.Stale is { } age)
        {
            response.Headers[DegradedHeader] = CatalogCache.StalePart;
            response.Headers.Age = ((long)Math.Max(0, age.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        if (Matches(httpContext.Request.Headers.IfNoneMatch, json.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = json.Body.Length;
        return response.Body.WriteAsync(json.Body, httpContext.RequestAborted).AsTask();
    }

    /// <summary>If-None-Match compares weakly (RFC 9110 13.1.2): W/ prefixes are ignored, * matches anything.</summary>
    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag)
    {
        if (ifNoneMatch.Count == 0) return false;
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)) return false;
        var current = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag == EntityTagHeaderValue.Any || tag.Compare(current, useStrongComparison: false));
    }
}
