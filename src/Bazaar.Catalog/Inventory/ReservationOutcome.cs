namespace Bazaar.Catalog.Inventory;

/// <summary>What became of a reservation command; the endpoints turn each into an answer.</summary>
internal abstract record ReservationOutcome
{
    /// <summary>The reservation is in <paramref name="Status"/> (now, or already before this call).</summary>
    public sealed record Done(ReservationStatus Status, DateTimeOffset? ExpiresAt) : ReservationOutcome;

    public sealed record NotFound : ReservationOutcome;

    /// <summary>It already ended in <paramref name="Status"/>, the other way than asked.</summary>
    public sealed record Refused(ReservationStatus Status) : ReservationOutcome;

    public sealed record UnknownSkus(IReadOnlyList<string> Skus) : ReservationOutcome;

    public sealed record InsufficientStock(IReadOnlyList<string> Skus) : ReservationOutcome;

    /// <summary>The reservation id is taken by a reservation of other goods.</summary>
    public sealed record IdReused : ReservationOutcome;
}
