using Bazaar.Payments.Charges;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.OrderPayments;

internal enum CancelFailure { PaymentInProgress, RefundPending }

internal sealed record CancelOutcome(OrderClosedResponse? Closed, CancelFailure? Failure);

/// <summary>Closes an order for payment when the order-service gives it up (the saga's
/// compensation): no charge for it may reach the provider afterwards, and a captured payment is
/// given back in full. Idempotent: the order id is the key.</summary>
internal sealed class OrderCancellation(PaymentRepository payments, RefundRepository refundRows, RefundService refunds, TimeProvider clock)
{
    /// <summary>The Idempotency-Key of the refund that gives back an order's capture.</summary>
    public static string RefundKey(Guid orderId) => $"cancel-{orderId}";

    public async Task<CancelOutcome> CancelAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var (paymentInProgress, orderPayments) = await payments.CloseOrderAsync(orderId, clock.GetUtcNow(), cancellationToken);
        if (paymentInProgress) return new CancelOutcome(null, CancelFailure.PaymentInProgress);
        if (orderPayments.FirstOrDefault(p => p.Status == PaymentStatus.Captured) is not { } captured)
        {
            return new CancelOutcome(new OrderClosedResponse(orderId, OrderPaymentState.Closed, null), null);
        }

        var key = RefundKey(orderId);
        // A refund for a return may claim part of what is left at the same time; then the
        // remainder is read again (the refund claim refuses to exceed the capture).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var claimed = await refundRows.ListForPaymentsAsync([captured.Id], cancellationToken);
            // Once claimed, the cancellation's refund keeps its amount: a call again sends the same refund.
            var amount = claimed.FirstOrDefault(r => r.IdempotencyKey == key)?.Amount ?? captured.Amount - claimed.Sum(r => r.Amount);
            if (amount == 0)
            {
                // Earlier refunds already gave everything back; done once the provider confirmed them.
                return claimed.Any(r => r.Status == RefundStatus.Pending)
                    ? new CancelOutcome(null, CancelFailure.RefundPending)
                    : Refunded(orderId, new Money(claimed.Sum(r => r.Amount), captured.Currency));
            }

            var outcome = await refunds.RefundAsync(captured.Id, new Money(amount, captured.Currency), key, cancellationToken);
            switch (outcome.Failure)
            {
                case null:
                    return Refunded(orderId, outcome.Refund!.RefundedTotal);
                case RefundFailure.OutcomeUnknown:
                    return new CancelOutcome(null, CancelFailure.RefundPending);
                case RefundFailure.ExceedsCapture:
                    continue;
                default:
                    throw new InvalidOperationException($"Refunding the capture of closed order {orderId} failed: {outcome.Failure}.");
            }
        }
        return new CancelOutcome(null, CancelFailure.RefundPending);
    }

    private static CancelOutcome Refunded(Guid orderId, Money refunded) =>
        new(new OrderClosedResponse(orderId, OrderPaymentState.Refunded, refunded), null);
}
