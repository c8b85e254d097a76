using System.Security.Claims;
using Bazaar.Payments.Charges;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Money;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Bazaar.Payments.Queries;

internal static class PaymentQueryEndpoints
{
    public static void MapPaymentQueries(this WebApplication app)
    {
        // Service-to-service only: the gateway never routes /internal.
        app.MapGet("/internal/payments/{paymentId:guid}", Detail).WithTags("payments").AllowAnonymous();
        app.MapGet("/api/payments", ListForOrder).WithTags("payments").RequireAuthorization();
    }

    private static async Task<Results<Ok<PaymentDetail>, ProblemHttpResult>> Detail(
        Guid paymentId, PaymentRepository payments, RefundRepository refunds, CancellationToken cancellationToken)
    {
        if (await payments.FindAsync(paymentId, cancellationToken) is not { } payment) return Problem.NotFound($"There is no payment {paymentId}.");
        var rows = await refunds.ListForPaymentsAsync([paymentId], cancellationToken);
        // A reversed payment was captured too (and refunded in full): the ledger shows both.
        var captured = payment.Status is PaymentStatus.Captured or PaymentStatus.Reversed ? payment.Amount : 0m;
        return TypedResults.Ok(new PaymentDetail(
            payment.Id, payment.OrderId, payment.UserId, payment.Status, payment.DeclineCode, new Money(payment.Amount, payment.Currency),
            new Money(captured, payment.Currency), RefundedTotal(payment, rows), payment.CardLast4, payment.CreatedAt,
            rows.Select(r => new RefundView(r.Id, new Money(r.Amount, r.Currency), r.Status, r.CreatedAt)).ToList()));
    }

    private static async Task<Ok<IReadOnlyList<PaymentSummary>>> ListForOrder(
        [FromQuery] Guid orderId, ClaimsPrincipal user, PaymentRepository payments, RefundRepository refunds, CancellationToken cancellationToken)
    {
        var rows = await payments.ListForOrderAsync(orderId, user.UserId(), cancellationToken);
        var refundRows = await refunds.ListForPaymentsAsync(rows.Select(p => p.Id).ToList(), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<PaymentSummary>>(rows
            .Select(p => new PaymentSummary(p.Id, p.OrderId, p.Status, p.DeclineCode, new Money(p.Amount, p.Currency), p.CardLast4, RefundedTotal(p, refundRows)))
            .ToList());
    }

    private static Money RefundedTotal(Payment payment, IEnumerable<RefundRow> refunds) =>
        new(refunds.Where(r => r.PaymentId == payment.Id && r.Status == RefundStatus.Completed).Sum(r => r.Amount), payment.Currency);
}
