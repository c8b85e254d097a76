using Bazaar.Platform.Discovery;
using Bazaar.Platform.Governance;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Gateway.Storefront;

/// <summary><c>GET /api/storefront/products/{id}</c>: the product from product-service with
/// recommendations from recommendation-service beside it. The product is the page: without it the
/// answer is a 404 or a 503. Recommendations are an extra: when they fail or are too slow the page
/// is served without them, marked degraded (body, <c>Bazaar-Degraded</c> header, metric).</summary>
internal static class ProductPageEndpoint
{
    public const string DegradedHeader = "Bazaar-Degraded";
    private const string RecommendationsPart = "recommendations";

    public static void MapProductPage(this WebApplication app) =>
        app.MapGet("/api/storefront/products/{id:guid}", GetAsync).WithTags("storefront").AllowAnonymous();

    private static async Task<Results<Ok<ProductPageResponse>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, ProductServiceClient products, RecommendationServiceClient recommendations,
        GovernanceMetrics metrics, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        FoundProduct? product;
        try
        {
            product = await products.FindAsync(id, cancellationToken);
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            http.Response.Headers.RetryAfter = "1";
            return Problem.Unavailable("upstream-unavailable", "Service unavailable", "product-service cannot be reached; try again shortly.");
        }
        if (product is null)
        {
            return Problem.NotFound($"There is no product {id}.");
        }

        PageRecommendations? suggested = null;
        try
        {
            suggested = await recommendations.ForProductAsync(product.Sku, cancellationToken);
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            http.Response.Headers[DegradedHeader] = RecommendationsPart;
            metrics.Degraded(RecommendationsPart);
            loggers.CreateLogger(typeof(ProductPageEndpoint)).LogInformation(
                "Product page {ProductId} served without recommendations: {Reason}", id, exception.Message);
        }
        return TypedResults.Ok(new ProductPageResponse(product.Detail, suggested, suggested is null ? [RecommendationsPart] : []));
    }
}
