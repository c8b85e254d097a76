namespace Bazaar.Recommendations.Catalog;

internal static class CatalogModule
{
    public static WebApplicationBuilder AddProductCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<IProductCatalog, ProductCatalogClient>(http => http.BaseAddress = new("http://product-service"));
        builder.Services.AddSingleton<ProductDirectory>();
        // Scoped: it holds the typed HttpClient, which must not outlive its handler rotation.
        builder.Services.AddScoped<SellableCheck>();
        return builder;
    }
}
