namespace Bazaar.Catalog.Inventory;

/// <summary>What became of a return; the endpoint turns each into an answer.</summary>
internal abstract record ReturnOutcome
{
    /// <summary>Back on hand (now, or by an earlier call with the same return id and goods).</summary>
    public sealed record Done(IReadOnlyList<ReservationLine> Lines) : ReturnOutcome;

    public sealed record UnknownReservation : ReturnOutcome;

    /// <summary>The reservation is <paramref name="Status"/>: nothing of it was sold.</summary>
    public sealed record NotCommitted(ReservationStatus Status) : ReturnOutcome;

    /// <summary>These SKUs would come back more often than the reservation sold them.</summary>
    public sealed record ExceedsSale(IReadOnlyList<string> Skus) : ReturnOutcome;

    /// <summary>The return id was used for other goods or another reservation.</summary>
    public sealed record IdReused : ReturnOutcome;
}
