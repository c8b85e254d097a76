namespace Bazaar.Orders.Downstream;

internal sealed record PaymentOutcome(bool Captured, Guid? PaymentId, string? DeclineCode)
{
    public static PaymentOutcome Capture(Guid paymentId) => new(true, paymentId, null);

    public static PaymentOutcome Decline(string declineCode) => new(false, null, declineCode);
}

/// <summary>The payment-service. One payment per order: the Idempotency-Key is derived from the
/// order id, so any retry of the same order's payment is answered, never charged again.</summary>
internal interface IPaymentGateway
{
    Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken);
}
