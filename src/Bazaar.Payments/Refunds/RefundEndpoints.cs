using Bazaar.Payments.Charges;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Payments.Refunds;

internal static class RefundEndpoints
{
    public static void MapRefunds(this WebApplication app)
    {
        // Service-to-service only (the order-service): the gateway never routes /internal.
        app.MapPost("/internal/payments/{paymentId:guid}/refunds", Refund).WithTags("payments").AllowAnonymous();
    }

    private static async Task<Results<Created<RefundResponse>, ValidationProblem, ProblemHttpResult>> Refund(
        Guid paymentId, RefundRequest request, HttpRequest http, RefundService refunds, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(http, out var key, out var missingKey)) return missingKey!;
        if (AmountRules.Violation(request.Amount) is { } amountViolation) return Problem.Invalid("Amount", amountViolation);

        var outcome = await refunds.RefundAsync(paymentId, request.Amount!.Value, key, cancellationToken);
        if (outcome.Failure == RefundFailure.OutcomeUnknown) return RefundPending(http.HttpContext.Response);
        return outcome.Failure switch
        {
            null => TypedResults.Created($"/internal/payments/{paymentId}", outcome.Refund),
            RefundFailure.KeyReusedWithAnotherBody => IdempotencyKey.ReusedWithAnotherBody(),
            RefundFailure.UnknownPayment => Problem.NotFound($"There is no payment {paymentId}."),
            RefundFailure.NotCaptured => Problem.Conflict("not-captured", "Payment not captured",
                "Only a captured payment can be refunded; this one was declined, abandoned or is still in progress."),
            RefundFailure.CurrencyMismatch => Problem.Unprocessable("currency-mismatch", "Currency mismatch",
                "A refund must be in the currency of the payment."),
            _ => Problem.Conflict("refund-exceeds-capture", "Refund exceeds capture",
                "The refunds of a payment can never add up to more than was captured; nothing was refunded."),
        };
    }

    /// <summary>The provider did not confirm the refund: it stays pending (counted against the
    /// capture) and a retry with the same Idempotency-Key sends it again.</summary>
    public static ProblemHttpResult RefundPending(HttpResponse response)
    {
        response.Headers.RetryAfter = "5";
        return Problem.Unavailable("refund-pending", "Refund pending",
            "The provider did not confirm the refund; it stays pending and is completed by a retry with the same Idempotency-Key (or shortly in the background).");
    }
}
