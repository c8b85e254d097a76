using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Carts.Cart;

/// <summary>The caller's own cart; the user id only ever comes from the access token.</summary>
internal static class CartEndpoints
{
    public const int MaxSkuLength = 64;

    public static void MapCart(this WebApplication app)
    {
        var cart = app.MapGroup("/api/cart").WithTags("cart").RequireAuthorization();
        cart.MapGet("/", async (ClaimsPrincipal user, CartService carts, CancellationToken cancellationToken) =>
            TypedResults.Ok(await carts.GetAsync(user.UserId(), cancellationToken)));
        cart.MapPut("/items/{sku}", SetQuantity);
        cart.MapDelete("/items/{sku}", Remove);
        cart.MapDelete("/", async (ClaimsPrincipal user, CartService carts, CancellationToken cancellationToken) =>
        {
            await carts.ClearAsync(user.UserId(), cancellationToken);
            return TypedResults.NoContent();
        });
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> SetQuantity(
        [MaxLength(MaxSkuLength)] string sku, SetQuantityRequest request, ClaimsPrincipal user, CartService carts, HttpResponse response,
        CancellationToken cancellationToken)
    {
        var userId = user.UserId();
        switch (await carts.SetQuantityAsync(userId, sku, request.Quantity, cancellationToken))
        {
            case SetQuantityOutcome.UnknownSku:
                return Problem.Create(StatusCodes.Status404NotFound, "unknown-sku", "Unknown SKU", $"No product with the SKU {sku} is for sale.");
            case SetQuantityOutcome.CartFull:
                return Problem.Unprocessable("cart-full", "Cart full", "The cart holds as many different products as it can; remove one first.");
            case SetQuantityOutcome.CatalogUnavailable:
                response.Headers.RetryAfter = "5";
                return Problem.Unavailable("catalog-unavailable", "Catalog unavailable",
                    "The product catalog cannot be reached to check this product; try again shortly.");
        }
        return TypedResults.Ok(await carts.GetAsync(userId, cancellationToken));
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem>> Remove(
        [MaxLength(MaxSkuLength)] string sku, ClaimsPrincipal user, CartService carts, CancellationToken cancellationToken)
    {
        await carts.RemoveAsync(user.UserId(), sku, cancellationToken);
        return TypedResults.Ok(await carts.GetAsync(user.UserId(), cancellationToken));
    }
}
