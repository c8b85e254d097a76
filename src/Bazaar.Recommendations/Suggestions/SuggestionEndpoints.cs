using Bazaar.Platform.Problems;
using Bazaar.Recommendations.Catalog;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.Suggestions;

internal static class SuggestionEndpoints
{
    private const int DefaultLimit = 10;
    private const int MaxLimit = 50;
    private const int MaxSkuLength = 64;

    public static void MapSuggestions(this WebApplication app) =>
        app.MapGet("/api/recommendations/products/{sku}", Recommend).WithTags("recommendations").AllowAnonymous();

    /// <param name="kind">Which neighbours: absent or <c>bought</c>, bought together (co-purchases);
    /// <c>viewed</c>, viewed together (co-views).</param>
    /// <param name="unknown">What to do for a SKU product-service does not know: absent, a 404;
    /// <c>popular</c>, popular products (asked for explicitly, never guessed).</param>
    private static async Task<Results<Ok<RecommendationResponse>, ValidationProblem, ProblemHttpResult>> Recommend(
        string sku, int? limit, string? kind, string? unknown, RecommendationService recommendations, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit) return Problem.Invalid("limit", $"The limit must be between 1 and {MaxLimit}.");
        if (sku.Length > MaxSkuLength) return Problem.Invalid("sku", $"A SKU has at most {MaxSkuLength} characters.");
        if (kind is not (null or "bought" or "viewed")) return Problem.Invalid("kind", "The kind is 'bought' (the default) or 'viewed'.");
        if (unknown is not (null or "popular")) return Problem.Invalid("unknown", "The only choice for an unknown product is 'popular'.");

        try
        {
            var response = await recommendations.RecommendAsync(sku, size, kind == "viewed", unknown == "popular", cancellationToken);
            return response is null ? Problem.NotFound($"There is no product {sku}.") : TypedResults.Ok(response);
        }
        catch (CatalogUnavailableException)
        {
            return Problem.Unavailable("catalog-unavailable", "Catalog unavailable", "The product-service cannot be reached to tell whether this product exists; try again shortly.");
        }
    }
}
