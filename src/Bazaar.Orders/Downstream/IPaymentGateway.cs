using Bazaar.Platform.Money;

namespace Bazaar.Orders.Downstream;

internal enum PaymentState
{
    Captured,
    Declined,
    /// <summary>No definite answer (a timeout, a 5xx, a payment still in progress): the card may
    /// or may not have been charged, so nothing may be compensated on this outcome.</summary>
    Unknown,
}

internal sealed record PaymentOutcome(PaymentState State, Guid? PaymentId, string? DeclineCode)
{
    public static PaymentOutcome Capture(Guid paymentId) => new(PaymentState.Captured, paymentId, null);

    public static PaymentOutcome Decline(string declineCode) => new(PaymentState.Declined, null, declineCode);

    public static readonly PaymentOutcome Unknown = new(PaymentState.Unknown, null, null);
}

/// <summary>The payment-service. One payment per order: the Idempotency-Key is derived from the
/// order id, so any retry of the same order's payment is answered, never charged again.</summary>
internal interface IPaymentGateway
{
    Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken);

    /// <summary>What became of the order's payment, for a saga that lost the answer.</summary>
    Task<OrderPayment> FindForOrderAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Closes the order for payment: a charge arriving later is refused, and a capture
    /// already made is refunded in full. Idempotent.</summary>
    Task<PaymentClosure> CloseAsync(Guid orderId, CancellationToken cancellationToken);

    /// <summary>Refunds <paramref name="amount"/> of the payment for the goods of one return; idempotent
    /// by <paramref name="returnId"/>. Throws <see cref="DownstreamUnavailableException"/> when
    /// payment-service cannot be reached.</summary>
    Task<PaymentRefund> RefundAsync(Guid paymentId, Guid returnId, Money amount, CancellationToken cancellationToken);
}

/// <summary>The order's payment as payment-service sees it.</summary>
internal sealed record OrderPayment(OrderPaymentState State, Guid? PaymentId, string? DeclineCode);

internal enum OrderPaymentState
{
    /// <summary>No payment, or only attempts that moved no money: the customer may still pay.</summary>
    None,
    /// <summary>The provider is being asked right now.</summary>
    Pending,
    Captured,
    Declined,
    /// <summary>Closed for payment (and refunded if it had been captured).</summary>
    Closed,
}

internal enum RefundState
{
    Refunded,
    /// <summary>payment-service holds the refund but its provider has not confirmed it: asking
    /// again (same key) completes it.</summary>
    Pending,
    /// <summary>A definite no (more than was captured, an unknown payment): asking again does not
    /// help until someone changes something.</summary>
    Refused,
}

/// <summary>How asking for a refund went; <see cref="Detail"/> says why it was refused.</summary>
internal sealed record PaymentRefund(RefundState State, string? Detail = null);

/// <summary>The outcome of closing an order for payment; <see cref="InProgress"/> means a charge
/// is still in flight and the close must be retried.</summary>
internal sealed record PaymentClosure(bool InProgress, Money? Refunded);
