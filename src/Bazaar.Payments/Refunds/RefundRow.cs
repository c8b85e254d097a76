namespace Bazaar.Payments.Refunds;

/// <summary>A refund row (a class with init properties: Dapper maps it by name, whatever SQLite
/// reports for a NULL column). <see cref="Response"/> is the answer decided when the refund was
/// claimed; it is given once the provider confirms the refund.</summary>
internal sealed class RefundRow
{
    public Guid Id { get; init; }
    public Guid PaymentId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string Status { get; init; } = "";
    public string IdempotencyKey { get; init; } = "";
    public string RequestFingerprint { get; init; } = "";
    public string? Response { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The provider's reference of the capture this refund gives back from (read with
    /// the refund when it is to be sent).</summary>
    public string? CaptureReference { get; init; }
}
