using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Inventory;

/// <param name="ExpiresInSeconds">How long the stock is held; <c>Catalog:Reservations:DefaultTtl</c> when absent.</param>
public sealed record ReserveRequest(
    [Required] Guid? ReservationId,
    [Required, MinLength(1), MaxLength(100)] List<ReservationLineRequest> Lines,
    [Range(1, 86_400)] int? ExpiresInSeconds = null);

public sealed record ReservationLineRequest(
    [Required, MinLength(1), MaxLength(64)] string Sku,
    [Range(1, 999)] int Quantity);

/// <param name="ExpiresAt">When a reservation still Reserved is released by itself.</param>
public sealed record ReservationResponse(Guid ReservationId, string Status, DateTimeOffset? ExpiresAt);
