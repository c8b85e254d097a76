using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Inventory;

public sealed record ReserveRequest(
    [Required] Guid? ReservationId,
    [Required, MinLength(1), MaxLength(100)] List<ReservationLineRequest> Lines);

public sealed record ReservationLineRequest(
    [Required, MinLength(1), MaxLength(64)] string Sku,
    [Range(1, 999)] int Quantity);

public sealed record ReservationResponse(Guid ReservationId, string Status);
