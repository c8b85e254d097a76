using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Inventory;

/// <summary>Stock reservations for order-service's checkout. Internal: never routed by the gateway.</summary>
internal static class ReservationEndpoints
{
    public static void MapInventory(this WebApplication app)
    {
        var reservations = app.MapGroup("/internal/inventory/reservations").WithTags("internal");
        reservations.MapPost("/", Reserve);
        reservations.MapPost("/{id:guid}/commit", (Guid id, StockReservations stock, CancellationToken cancellationToken) =>
            End(id, stock.CommitAsync, cancellationToken));
        reservations.MapPost("/{id:guid}/release", (Guid id, StockReservations stock, CancellationToken cancellationToken) =>
            End(id, stock.ReleaseAsync, cancellationToken));
    }

    private static async Task<Results<Ok<ReservationResponse>, ValidationProblem, ProblemHttpResult>> Reserve(
        ReserveRequest request, StockReservations stock, IOptions<ReservationOptions> options, CancellationToken cancellationToken)
    {
        if (request.ReservationId is not { } id || id == Guid.Empty)
        {
            return Problem.Invalid("reservationId", "A reservation needs an id (the order's id), so that a retry can be recognised.");
        }
        // The validation generator checks the items' fields but lets a null item through.
        if (request.Lines.Contains(null!)) return Problem.Invalid("lines", "Every line needs a SKU and a quantity.");
        var ttl = request.ExpiresInSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.Value.DefaultTtl;
        var outcome = await stock.ReserveAsync(id, ReservationLine.Normalise(request.Lines), ttl, cancellationToken);
        return outcome switch
        {
            ReservationOutcome.Done done => TypedResults.Ok(new ReservationResponse(id, done.Status.ToString(), done.ExpiresAt)),
            ReservationOutcome.UnknownSkus unknown => WithSkus(Problem.Create(StatusCodes.Status404NotFound, "unknown-sku", "Unknown SKU",
                $"No product has the SKU {string.Join(", ", unknown.Skus)}; nothing was reserved."), unknown.Skus),
            ReservationOutcome.InsufficientStock shortage => WithSkus(Problem.Conflict("insufficient-stock", "Insufficient stock",
                $"Not enough stock of {string.Join(", ", shortage.Skus)}; nothing was reserved."), shortage.Skus),
            ReservationOutcome.IdReused => Problem.Conflict("reservation-id-reused", "Reservation id reused",
                $"Reservation {id} already holds other goods; a retry must ask for the same lines."),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    private static async Task<Results<Ok<ReservationResponse>, ProblemHttpResult>> End(
        Guid id, Func<Guid, CancellationToken, Task<ReservationOutcome>> command, CancellationToken cancellationToken)
    {
        var outcome = await command(id, cancellationToken);
        return outcome switch
        {
            ReservationOutcome.Done done => TypedResults.Ok(new ReservationResponse(id, done.Status.ToString(), done.ExpiresAt)),
            ReservationOutcome.NotFound => Problem.NotFound($"There is no reservation {id}."),
            ReservationOutcome.Refused { Status: ReservationStatus.Committed } => Problem.Conflict("reservation-committed",
                "Reservation committed", $"Reservation {id} was committed: its stock has left and cannot be released."),
            ReservationOutcome.Refused => Problem.Conflict("reservation-released",
                "Reservation released", $"Reservation {id} was released: its stock is for sale again and cannot be committed."),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}."),
        };
    }

    /// <summary>Names the offending SKUs in a field too, so callers need not parse the detail.</summary>
    internal static ProblemHttpResult WithSkus(ProblemHttpResult problem, IReadOnlyList<string> skus)
    {
        problem.ProblemDetails.Extensions["skus"] = skus.ToArray();
        return problem;
    }
}
