namespace Bazaar.Carts.ProductCatalog;

internal static class ProductCatalogModule
{
    public static WebApplicationBuilder AddProductCatalog(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<IProductCatalog, ProductCatalogClient>(client => client.BaseAddress = new("http://product-service"));
        return builder;
    }
}
