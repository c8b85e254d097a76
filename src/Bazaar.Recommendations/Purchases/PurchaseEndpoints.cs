using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.Purchases;

internal static class PurchaseEndpoints
{
    private const int MaxSkuLength = 64;

    public static void MapPurchases(this WebApplication app) =>
        // Service-to-service only (the order-service): the gateway never routes /internal.
        app.MapPost("/internal/recommendations/purchases", Record).WithTags("purchases").AllowAnonymous();

    private static async Task<Results<Accepted, ValidationProblem>> Record(PurchaseRequest request, PurchaseRecorder recorder, CancellationToken cancellationToken)
    {
        if (request.OrderId == Guid.Empty) return Problem.Invalid("OrderId", "The order id is required.");
        var skus = request.Skus!;
        if (skus.Any(sku => string.IsNullOrWhiteSpace(sku) || sku.Length > MaxSkuLength))
        {
            return Problem.Invalid("Skus", $"Every SKU is 1 to {MaxSkuLength} characters.");
        }

        // A redelivered order is accepted all the same: the sender must not retry forever.
        await recorder.RecordAsync(request.OrderId, skus, cancellationToken);
        return TypedResults.Accepted((string?)null);
    }
}
