using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Catalog.Inventory;

/// <summary>Sold goods back into stock, for order-service (a cancelled paid order, a return after
/// delivery). Internal: never routed by the gateway.</summary>
internal static class ReturnEndpoints
{
    public static void MapStockReturns(this WebApplication app) =>
        app.MapPost("/internal/inventory/returns", Return).WithTags("internal");

    private static async Task<Results<Ok<ReturnResponse>, ValidationProblem, ProblemHttpResult>> Return(
        ReturnRequest request, StockReturns returns, CancellationToken cancellationToken)
    {
        if (request.ReturnId is not { } returnId || returnId == Guid.Empty)
        {
            return Problem.Invalid("returnId", "A return needs an id, so that a retry can be recognised.");
        }
        if (request.ReservationId is not { } reservationId || reservationId == Guid.Empty)
        {
            return Problem.Invalid("reservationId", "Name the reservation (the order) whose goods come back.");
        }
        // The validation generator checks the items' fields but lets a null item through.
        if (request.Lines.Contains(null!)) return Problem.Invalid("lines", "Every line needs a SKU and a quantity.");
        return await returns.ReturnAsync(returnId, reservationId, ReservationLine.Normalise(request.Lines), cancellationToken) switch
        {
            ReturnOutcome.Done done => TypedResults.Ok(new ReturnResponse(returnId, reservationId,
                [.. done.Lines.Select(line => new ReturnedLine(line.Sku, line.Quantity))])),
            ReturnOutcome.UnknownReservation => Problem.NotFound($"There is no reservation {reservationId}."),
            ReturnOutcome.NotCommitted notCommitted => Problem.Conflict("reservation-not-committed", "Reservation not committed",
                $"Reservation {reservationId} is {notCommitted.Status}: none of its goods were sold, so none can come back; nothing moved."),
            ReturnOutcome.ExceedsSale exceeding => ReservationEndpoints.WithSkus(Problem.Conflict("return-exceeds-sale", "Return exceeds sale",
                $"Reservation {reservationId} did not sell that many of {string.Join(", ", exceeding.Skus)} (counting earlier returns); nothing moved."),
                exceeding.Skus),
            ReturnOutcome.IdReused => Problem.Conflict("return-id-reused", "Return id reused",
                $"Return {returnId} was already made with other goods or for another reservation; a retry must send the same body."),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }
}
