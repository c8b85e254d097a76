namespace Bazaar.Orders.Checkout;

internal static class CheckoutModule
{
    public static WebApplicationBuilder AddCheckout(this WebApplicationBuilder builder)
    {
        // Scoped: it holds typed HttpClients, which must not outlive their handler rotation.
        builder.Services.AddScoped<CheckoutService>();
        return builder;
    }
}
