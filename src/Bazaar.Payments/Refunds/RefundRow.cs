namespace Bazaar.Payments.Refunds;

/// <summary>A refund row (a class with init properties: Dapper maps it by name, whatever SQLite
/// reports for a NULL column).</summary>
internal sealed class RefundRow
{
    public Guid Id { get; init; }
    public Guid PaymentId { get; init; }
    public decimal Amount { get; init; }
    public string Currency { get; init; } = "";
    public string Status { get; init; } = "";
    public string RequestFingerprint { get; init; } = "";
    public string? Response { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
}
