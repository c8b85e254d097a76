using Bazaar.Payments.Charges;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Money;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Payments.OrderPayments;

internal static class OrderPaymentEndpoints
{
    public static void MapOrderPayments(this WebApplication app)
    {
        // Service-to-service only (the order-service's saga): the gateway never routes /internal.
        var orders = app.MapGroup("/internal/payments/orders").WithTags("payments").AllowAnonymous();
        orders.MapPost("/{orderId:guid}/cancel", Cancel);
        orders.MapGet("/{orderId:guid}", Status);
    }

    private static async Task<Results<Ok<OrderClosedResponse>, ProblemHttpResult>> Cancel(
        Guid orderId, HttpResponse http, OrderCancellation cancellation, CancellationToken cancellationToken)
    {
        var outcome = await cancellation.CancelAsync(orderId, cancellationToken);
        return outcome.Failure switch
        {
            null => TypedResults.Ok(outcome.Closed),
            CancelFailure.PaymentInProgress => Problem.Conflict("payment-in-progress", "Payment in progress",
                "A payment of this order is still being processed; the order was not closed. Retry shortly."),
            _ => RefundEndpoints.RefundPending(http),
        };
    }

    private static async Task<Ok<OrderPaymentStatus>> Status(
        Guid orderId, PaymentRepository payments, RefundRepository refunds, CancellationToken cancellationToken)
    {
        var (orderPayments, closed) = await payments.ForOrderAsync(orderId, cancellationToken);
        // An abandoned payment moved no money, a reversed one gave it all back: as far as the order
        // is concerned neither happened.
        var relevant = orderPayments.Where(p => p.Status is not (PaymentStatus.Abandoned or PaymentStatus.Reversed)).ToList();
        if (relevant.FirstOrDefault(p => p.Status == PaymentStatus.Captured) is { } captured)
        {
            var rows = await refunds.ListForPaymentsAsync([captured.Id], cancellationToken);
            var refunded = rows.Where(r => r.Status == RefundStatus.Completed).Sum(r => r.Amount);
            return TypedResults.Ok(new OrderPaymentStatus(orderId, refunded == captured.Amount ? OrderPaymentState.Refunded : OrderPaymentState.Captured,
                captured.Id, new Money(captured.Amount, captured.Currency), new Money(refunded, captured.Currency), null));
        }

        var newest = relevant.LastOrDefault();
        var state = closed ? OrderPaymentState.Closed : newest?.Status switch
        {
            null => OrderPaymentState.None,
            PaymentStatus.Pending => OrderPaymentState.Pending,
            _ => OrderPaymentState.Declined,
        };
        return TypedResults.Ok(new OrderPaymentStatus(orderId, state, newest?.Id, null, null, state == OrderPaymentState.Declined ? newest!.DeclineCode : null));
    }
}
