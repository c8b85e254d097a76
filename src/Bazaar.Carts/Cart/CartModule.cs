namespace Bazaar.Carts.Cart;

internal static class CartModule
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CartsOptions>().BindConfiguration("Carts").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CartRepository>();
        builder.Services.AddScoped<CartService>();
        return builder;
    }
}
