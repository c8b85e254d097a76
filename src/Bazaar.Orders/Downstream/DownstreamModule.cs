namespace Bazaar.Orders.Downstream;

internal static class DownstreamModule
{
    /// <summary>Typed clients for the services the checkout calls, by logical name (service
    /// discovery and the standard resilience handler come with every client).</summary>
    public static WebApplicationBuilder AddDownstreamServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpClient<ICartClient, CartClient>(http => http.BaseAddress = new("http://cart-service"));
        builder.Services.AddHttpClient<IProductCatalog, ProductCatalogClient>(http => http.BaseAddress = new("http://product-service"));
        builder.Services.AddHttpClient<IInventory, InventoryClient>(http => http.BaseAddress = new("http://product-service"));
        builder.Services.AddHttpClient<IPaymentGateway, PaymentGatewayClient>(http => http.BaseAddress = new("http://payment-service"));
        return builder;
    }
}
