namespace Bazaar.Catalog.Inventory;

/// <summary>A reservation holds stock (Reserved) until the order either takes it (Committed) or
/// gives it back (Released). Both ends are final.</summary>
internal enum ReservationStatus
{
    Reserved,
    Committed,
    Released,
}

internal enum TransitionDecision
{
    /// <summary>Move the stock and record the new status.</summary>
    Apply,
    /// <summary>Already there: a retry, answered as a success with nothing moved.</summary>
    AlreadyDone,
    /// <summary>The reservation ended the other way; moving it now would corrupt the stock.</summary>
    Refused,
}

internal static class ReservationTransitions
{
    public static TransitionDecision Decide(ReservationStatus current, ReservationStatus target) => (current, target) switch
    {
        (ReservationStatus.Reserved, ReservationStatus.Committed or ReservationStatus.Released) => TransitionDecision.Apply,
        _ when current == target => TransitionDecision.AlreadyDone,
        _ => TransitionDecision.Refused,
    };
}
