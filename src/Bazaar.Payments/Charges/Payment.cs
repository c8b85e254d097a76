namespace Bazaar.Payments.Charges;

/// <summary>A payment row. <see cref="Response"/> is the answer given the first time, replayed to
/// a retry with the same Idempotency-Key.</summary>
internal sealed record Payment(
    Guid Id, Guid OrderId, Guid UserId, decimal Amount, string Currency, string Status, string? DeclineCode, string CardLast4,
    string IdempotencyKey, string RequestFingerprint, string? Response, DateTimeOffset CreatedAt);

internal static class PaymentStatus
{
    /// <summary>Reserved the key; the provider has not answered yet.</summary>
    public const string Pending = "Pending";
    public const string Captured = "Captured";
    public const string Declined = "Declined";

    /// <summary>Left Pending (a crash, a lost answer) and the provider never authorised it: no money
    /// moved. It no longer holds the order or its Idempotency-Key, so another attempt (even with the
    /// same key) may charge it. Final unless the sweeper guessed wrong and a capture lands after all:
    /// then it becomes Captured (the order still free) or <see cref="Reversed"/>.</summary>
    public const string Abandoned = "Abandoned";

    /// <summary>Abandoned by the sweeper, and then the provider captured it after all (a slow answer,
    /// or another replica's sweeper, which cannot see this replica's calls in flight), when the order
    /// was already paid or being paid another way, or closed: the capture was refunded in full at
    /// once, so it nets to nothing. Terminal; the ledger shows the capture and its refund.</summary>
    public const string Reversed = "Reversed";
}
