namespace Bazaar.Orders.Downstream;

internal enum ReservationStatus { Reserved, InsufficientStock, UnknownSku, Released }

internal sealed record ReservationOutcome(ReservationStatus Status, string? Detail);

/// <summary>How ending a reservation (or returning its goods) went: done (now or before),
/// refused because the reservation has moved on (committed when released, released when
/// committed), or unknown to the product-service.</summary>
internal enum SettleStatus { Done, Refused, NotFound }

/// <summary>Stock reservations in the product-service, keyed by the order id: reserving twice
/// reserves once; commit, release and returns are idempotent.</summary>
internal interface IInventory
{
    /// <summary>Holds the lines for <paramref name="holdFor"/>; after that the product-service
    /// releases them by itself.</summary>
    Task<ReservationOutcome> ReserveAsync(Guid reservationId, IReadOnlyList<ReservationLine> lines, TimeSpan holdFor, CancellationToken cancellationToken);

    /// <summary>The reserved stock leaves the warehouse (the order is paid). Refused when the hold
    /// ran out first: its stock may be promised to someone else.</summary>
    Task<SettleStatus> CommitAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>The reserved stock is sellable again (the order will not be paid). Refused when it
    /// was committed: then the goods must be returned instead.</summary>
    Task<SettleStatus> ReleaseAsync(Guid reservationId, CancellationToken cancellationToken);

    /// <summary>Puts goods of a committed reservation back on hand, once per <paramref name="returnId"/>.</summary>
    Task<SettleStatus> ReturnAsync(Guid returnId, Guid reservationId, IReadOnlyList<ReservationLine> lines, CancellationToken cancellationToken);
}
