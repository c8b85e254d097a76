using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Carts.Cart;

/// <summary>The caller's cart: the user's own (the user id only ever comes from the access token),
/// or, without a token, the anonymous cart named by <c>X-Cart-Id</c>.</summary>
internal static class CartEndpoints
{
    public const int MaxSkuLength = 64;

    public static void MapCart(this WebApplication app)
    {
        app.MapPost("/api/carts", CreateAnonymous).WithTags("cart").AllowAnonymous();

        var cart = app.MapGroup("/api/cart").WithTags("cart").RequireAuthorization(CartOwner.Policy);
        cart.MapGet("/", Get);
        cart.MapGet("/lines", GetLines);
        cart.MapPut("/items/{sku}", SetQuantity);
        cart.MapDelete("/items/{sku}", Remove);
        cart.MapDelete("/", Clear);
        cart.MapPost("/merge", Merge).RequireAuthorization();
    }

    private static async Task<Created<CreateCartResponse>> CreateAnonymous(CartService carts, CancellationToken cancellationToken) =>
        TypedResults.Created((string?)null, new CreateCartResponse(await carts.CreateAnonymousAsync(cancellationToken)));

    private static async Task<Results<Ok<CartResponse>, ProblemHttpResult>> Get(HttpContext http, CartService carts, CancellationToken cancellationToken) =>
        CartOwner.Of(http) is { } owner && await carts.GetAsync(owner, cancellationToken) is { } view ? TypedResults.Ok(view) : UnknownCart();

    private static async Task<Results<Ok<CartLinesResponse>, ProblemHttpResult>> GetLines(HttpContext http, CartService carts, CancellationToken cancellationToken) =>
        CartOwner.Of(http) is { } owner && await carts.GetLinesAsync(owner, cancellationToken) is { } lines ? TypedResults.Ok(lines) : UnknownCart();

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> SetQuantity(
        [StringLength(MaxSkuLength)] string sku, SetQuantityRequest request, HttpContext http, CartService carts, CancellationToken cancellationToken)
    {
        if (CartOwner.Of(http) is not { } owner)
        {
            return UnknownCart();
        }
        var (outcome, cart) = await carts.SetQuantityAsync(owner, sku, request.Quantity, cancellationToken);
        switch (outcome)
        {
            case SetQuantityOutcome.UnknownCart:
                return UnknownCart();
            case SetQuantityOutcome.UnknownSku:
                return Problem.Create(StatusCodes.Status404NotFound, "unknown-sku", "Unknown SKU", $"No product with the SKU {sku} is for sale.");
            case SetQuantityOutcome.CartFull:
                return Problem.Unprocessable("cart-full", "Cart full", "The cart holds as many different products as it can; remove one first.");
            case SetQuantityOutcome.CatalogUnavailable:
                http.Response.Headers.RetryAfter = "5";
                return Problem.Unavailable("catalog-unavailable", "Catalog unavailable",
                    "The product catalog cannot be reached to check this product; try again shortly.");
        }
        return cart is { } view ? TypedResults.Ok(view) : UnknownCart();
    }

    private static async Task<Results<Ok<CartResponse>, ValidationProblem, ProblemHttpResult>> Remove(
        [StringLength(MaxSkuLength)] string sku, HttpContext http, CartService carts, CancellationToken cancellationToken) =>
        CartOwner.Of(http) is { } owner && await carts.RemoveAsync(owner, sku, cancellationToken) && await carts.GetAsync(owner, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : UnknownCart();

    private static async Task<Results<NoContent, ProblemHttpResult>> Clear(HttpContext http, CartService carts, CancellationToken cancellationToken) =>
        CartOwner.Of(http) is { } owner && await carts.ClearAsync(owner, cancellationToken) ? TypedResults.NoContent() : UnknownCart();

    /// <summary>At login: the anonymous cart's lines join the caller's own cart (the target is
    /// always the token's user), and the anonymous cart is gone.</summary>
    private static async Task<Results<Ok<MergeResponse>, ValidationProblem, ProblemHttpResult>> Merge(
        MergeRequest request, ClaimsPrincipal user, CartService carts, CancellationToken cancellationToken) =>
        await carts.MergeAsync(user.UserId(), request.CartId!.Value, cancellationToken) is { } merged ? TypedResults.Ok(merged) : UnknownCart();

    private static ProblemHttpResult UnknownCart() =>
        Problem.Create(StatusCodes.Status404NotFound, "unknown-cart", "Unknown cart",
            "There is no live cart with this id: it was never issued, has expired, or was merged into a user's cart. Create a new one with POST /api/carts.");
}
