using System.Globalization;
using Bazaar.Payments.Sweeping;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Charges;

internal static class ChargeEndpoints
{
    public static void MapCharges(this WebApplication app)
    {
        // Service-to-service only (the order-service): the gateway never routes /internal.
        app.MapPost("/internal/payments", Charge).WithTags("payments").AllowAnonymous();
    }

    private static async Task<Results<Created<PaymentResponse>, ValidationProblem, ProblemHttpResult>> Charge(
        ChargeRequest request, HttpRequest http, ChargeService charges, IOptions<SweeperOptions> sweeper, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(http, out var key, out var missingKey)) return missingKey!;
        if (request.OrderId == Guid.Empty) return Problem.Invalid("OrderId", "The order id is required.");
        if (request.UserId == Guid.Empty) return Problem.Invalid("UserId", "The user id is required.");
        if (AmountRules.Violation(request.Amount) is { } amountViolation) return Problem.Invalid("Amount", amountViolation);
        // The card's own rules (Luhn, expiry) are checked by the charge, after a retry is replayed.
        var outcome = await charges.ChargeAsync(key, request, request.Amount!.Value, request.Card!, cancellationToken);
        if (outcome.Refusal == ChargeRefusal.InvalidCard) return Problem.Invalid(outcome.CardViolation!.Value.Field, outcome.CardViolation.Value.Message);
        if (outcome.Refusal == ChargeRefusal.OutcomeUnknown)
        {
            // Also the answer to a capture that landed after the payment was abandoned and was given
            // back: the caller learns the order's payment from a retry or GET /internal/payments/orders/{id}.
            http.HttpContext.Response.Headers.RetryAfter = sweeper.Value.SettledWithinSeconds.ToString(CultureInfo.InvariantCulture);
            return Problem.Unavailable("payment-pending", "Payment pending",
                "The outcome of this payment is not known yet; it is settled with the provider in the background. Retry later with the same Idempotency-Key, or look up the order's payment.");
        }
        return outcome.Refusal switch
        {
            null => TypedResults.Created($"/api/payments?orderId={outcome.Payment!.OrderId}", outcome.Payment),
            ChargeRefusal.KeyReusedWithAnotherBody => IdempotencyKey.ReusedWithAnotherBody(),
            ChargeRefusal.InProgress => Problem.Conflict("payment-in-progress", "Payment in progress",
                "A payment with this Idempotency-Key is still being processed; retry shortly."),
            ChargeRefusal.OrderClosed => Problem.Conflict("order-closed", "Order closed",
                "The order was closed for payment (cancelled); it can no longer be charged."),
            ChargeRefusal.OrderAlreadyPaid => Problem.Conflict("order-already-paid", "Order already paid",
                "This order already has a captured (or in-flight) payment; it is never captured twice."),
            _ => Problem.Unprocessable("unknown-card", "Unknown card", "The provider does not know this card."),
        };
    }
}
