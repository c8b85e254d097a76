namespace Bazaar.Recommendations.Catalog;

internal static class CatalogModule
{
    public static WebApplicationBuilder AddProductCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<IProductCatalog, ProductCatalogClient>(http => http.BaseAddress = new("http://product-service"));
        return builder;
    }
}
