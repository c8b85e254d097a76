using Bazaar.Catalog.Caching;
using Bazaar.Platform.Auth;

namespace Bazaar.Catalog.Admin;

/// <summary>The catalog's admin API: <c>/api/admin/catalog/...</c>, admins only. Every change made
/// through it empties this process's page cache, so admins see their change at once here (other
/// replicas within the cache's TTL).</summary>
internal static class AdminApi
{
    public const string Prefix = "/api/admin/catalog";

    public static RouteGroupBuilder MapCatalogAdmin(this WebApplication app)
    {
        var group = app.MapGroup(Prefix).WithTags("admin").RequireAuthorization(AuthExtensions.AdminPolicy);
        group.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            if (!HttpMethods.IsGet(context.HttpContext.Request.Method))
            {
                context.HttpContext.RequestServices.GetRequiredService<CatalogCache>().Invalidate();
            }
            return result;
        });
        return group;
    }
}
