using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Bazaar.Catalog.Admin;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Catalog.Inventory;

/// <param name="Delta">Units counted in (positive) or written off (negative); never zero.</param>
/// <remarks>An <c>Idempotency-Key</c> header makes a retry safe: the same key and body for the same
/// SKU answer with the adjustment already made.</remarks>
public sealed record AdjustStockRequest([Required, Range(-1_000_000, 1_000_000)] int? Delta, [Required, StringLength(200, MinimumLength = 1)] string Reason);

internal static class StockAdjustmentEndpoints
{
    public static void MapStockAdjustments(this WebApplication app)
    {
        var admin = app.MapCatalogAdmin();
        admin.MapPost("/inventory/{sku}/adjustments", Adjust);
        admin.MapGet("/inventory/{sku}/adjustments", async Task<Results<Ok<IReadOnlyList<StockAdjustment>>, ProblemHttpResult>> (
            string sku, StockAdjustments stock, CancellationToken cancellationToken) =>
            await stock.TrailAsync(sku, cancellationToken) is { } trail ? TypedResults.Ok(trail) : UnknownSku(sku));
    }

    private static async Task<Results<Created<StockAdjustment>, ValidationProblem, ProblemHttpResult>> Adjust(
        string sku, AdjustStockRequest request, HttpRequest http, ClaimsPrincipal user, StockAdjustments stock, CancellationToken cancellationToken)
    {
        if (request.Delta is not { } delta || delta == 0) return Problem.Invalid("delta", "The change must be a non-zero whole number of units.");
        if (string.IsNullOrWhiteSpace(request.Reason)) return Problem.Invalid("reason", "Say why the stock changes.");

        // Optional, so that simple tools still work; a client that retries should send one.
        (string, string)? idempotency = null;
        if (http.Headers.ContainsKey(IdempotencyKey.Header))
        {
            if (!IdempotencyKey.TryRead(http, out var key, out var problem)) return problem!;
            idempotency = (key, IdempotencyKey.Fingerprint(request, CatalogJson.Default.AdjustStockRequest));
        }

        return await stock.AdjustAsync(sku, delta, request.Reason.Trim(), user.UserId(), idempotency, cancellationToken) switch
        {
            AdjustmentOutcome.Done done => TypedResults.Created($"{AdminApi.Prefix}/inventory/{Uri.EscapeDataString(sku)}/adjustments", done.Adjustment),
            AdjustmentOutcome.UnknownSku => UnknownSku(sku),
            AdjustmentOutcome.BelowReserved => Problem.Conflict("stock-below-reserved", "Stock below reserved",
                $"Changing the stock of {sku} by {delta} would leave less on hand than is reserved (or below zero); nothing changed."),
            AdjustmentOutcome.KeyReused => IdempotencyKey.ReusedWithAnotherBody(),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static ProblemHttpResult UnknownSku(string sku) =>
        Problem.Create(StatusCodes.Status404NotFound, "unknown-sku", "Unknown SKU", $"No product has the SKU {sku}.");
}
