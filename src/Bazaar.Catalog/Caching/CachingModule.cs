namespace Bazaar.Catalog.Caching;

internal static class CachingModule
{
    public static WebApplicationBuilder AddCatalogCache(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CacheOptions>().BindConfiguration("Catalog:Cache").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CatalogCache>();
        return builder;
    }
}
