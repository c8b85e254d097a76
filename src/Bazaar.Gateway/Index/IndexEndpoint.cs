namespace Bazaar.Gateway.Index;

/// <summary>What a person or a script sees at the gateway's root: where the areas are.</summary>
public sealed record IndexResponse(string Name, string Description, IReadOnlyDictionary<string, string> Areas);

internal static class IndexEndpoint
{
    private static readonly IndexResponse Index = new(
        "Bazaar",
        "An e-commerce platform built as microservices. Every area below is served through this gateway.",
        new Dictionary<string, string>
        {
            ["register"] = "POST /api/users/register",
            ["login"] = "POST /api/users/login",
            ["profile"] = "GET /api/users/me",
            ["categories"] = "GET /api/categories",
            ["products"] = "GET /api/products?q=&category=&limit=&after=",
            ["product page"] = "GET /api/storefront/products/{id} (the product and its recommendations; without them, marked degraded, when they are slow)",
            ["cart"] = "GET /api/cart, PUT /api/cart/items/{sku} (signed in, or anonymous with X-Cart-Id from POST /api/carts)",
            ["checkout"] = "POST /api/orders (Idempotency-Key)",
            ["orders"] = "GET /api/orders, GET /api/orders/{id}, GET /api/orders/{id}/tracking, POST /api/orders/{id}/cancel",
            ["recommendations"] = "GET /api/recommendations/products/{sku}?kind=bought|viewed, GET /api/recommendations/for-you (signed in), POST /api/recommendations/views",
            ["signing keys"] = "GET /.well-known/jwks.json",
            ["api reference"] = "GET /docs",
        });

    public static void MapIndex(this WebApplication app) =>
        app.MapGet("/", () => TypedResults.Ok(Index)).ExcludeFromDescription();
}
