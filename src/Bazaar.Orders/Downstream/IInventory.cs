namespace Bazaar.Orders.Downstream;

internal enum ReservationStatus { Reserved, InsufficientStock, UnknownSku, Released }

internal sealed record ReservationOutcome(ReservationStatus Status, string? Detail);

/// <summary>Stock reservations in the product-service, keyed by the order id: reserving twice
/// reserves once; commit and release are idempotent.</summary>
internal interface IInventory
{
    Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken);

    /// <summary>The reserved stock leaves the warehouse (the order is paid).</summary>
    Task CommitAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>The reserved stock is sellable again (the order will not be paid).</summary>
    Task ReleaseAsync(Guid reservationId, CancellationToken cancellationToken);
}
