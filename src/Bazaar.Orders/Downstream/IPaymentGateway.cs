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
}
