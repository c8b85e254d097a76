namespace Bazaar.Catalog.Products;

internal static class ProductsModule
{
    public static WebApplicationBuilder AddProducts(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ProductRepository>();
        builder.Services.AddSingleton<ProductAdmin>();
        return builder;
    }
}
