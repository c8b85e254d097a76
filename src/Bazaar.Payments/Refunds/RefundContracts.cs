using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Refunds;

public sealed record RefundRequest([Required] Money? Amount);

/// <param name="RefundedTotal">Everything refunded on the payment once this refund is counted.</param>
/// <param name="Status"><c>Refunded</c> when the whole capture is refunded, else <c>PartiallyRefunded</c>.</param>
public sealed record RefundResponse(Guid RefundId, Guid PaymentId, Money Amount, Money RefundedTotal, string Status);

/// <summary>What tells a true retry of a refund from a reused Idempotency-Key.</summary>
internal sealed record RefundFingerprint(Guid PaymentId, Money Amount);

internal static class RefundStatus
{
    /// <summary>Counted against the capture; the provider has not confirmed it yet (it may not have
    /// received it, or its answer was lost): sent again, under the same refund id, until it does.</summary>
    public const string Pending = "Pending";
    public const string Completed = "Completed";

    public const string Refunded = "Refunded";
    public const string PartiallyRefunded = "PartiallyRefunded";
}
