using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Inventory;

/// <summary>Units of a committed reservation coming back on hand.</summary>
/// <param name="ReturnId">Chosen by the caller, so that a retry is recognised and moves nothing twice.</param>
/// <param name="ReservationId">The reservation (the order) whose sold goods come back.</param>
public sealed record ReturnRequest(
    [Required] Guid? ReturnId,
    [Required] Guid? ReservationId,
    [Required, MinLength(1), MaxLength(100)] List<ReservationLineRequest> Lines);

/// <param name="Lines">One line per SKU, in SKU order.</param>
public sealed record ReturnResponse(Guid ReturnId, Guid ReservationId, IReadOnlyList<ReturnedLine> Lines);

public sealed record ReturnedLine(string Sku, long Quantity);
