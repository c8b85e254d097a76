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
    /// moved. Terminal; it no longer holds the order or its Idempotency-Key, so another attempt
    /// (even with the same key) may charge it.</summary>
    public const string Abandoned = "Abandoned";
}
