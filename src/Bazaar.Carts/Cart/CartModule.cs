using Bazaar.Carts.Expiry;
using Bazaar.Platform;

namespace Bazaar.Carts.Cart;

internal static class CartModule
{
    public static WebApplicationBuilder AddCart(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CartsOptions>().BindConfiguration("Carts").ValidateOnStartWith<CartsOptions, CartsOptionsValidator>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(CartOwner.Policy, policy =>
            policy.RequireAssertion(context => context.Resource is HttpContext http && CartOwner.MayUseCart(http)));
        builder.Services.AddSingleton<CartRepository>();
        builder.Services.AddScoped<CartService>();
        builder.Services.AddSingleton<ExpiredCartSweep>();
        builder.Services.AddHostedService<CartSweeper>();
        return builder;
    }
}
