using System.Globalization;
using Bazaar.Payments.Sweeping;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Payments;
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
        ChargeRequest request, HttpRequest http, ChargeService charges, TimeProvider clock, IOptions<SweeperOptions> sweeper, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(http, out var key, out var missingKey)) return missingKey!;
        if (request.OrderId == Guid.Empty) return Problem.Invalid("OrderId", "The order id is required.");
        if (request.UserId == Guid.Empty) return Problem.Invalid("UserId", "The user id is required.");
        if (AmountRules.Violation(request.Amount) is { } amountViolation) return Problem.Invalid("Amount", amountViolation);
        var amount = request.Amount!.Value;
        var card = request.Card!;
        if (PaymentCard.Violation(card.Number, card.ExpiryMonth, card.ExpiryYear, clock.GetUtcNow()) is { } cardViolation) return Problem.Invalid(cardViolation.Field, cardViolation.Message);

        var outcome = await charges.ChargeAsync(key, request, amount, card, cancellationToken);
        if (outcome.Refusal == ChargeRefusal.OutcomeUnknown)
        {
            http.HttpContext.Response.Headers.RetryAfter = sweeper.Value.SettledWithinSeconds.ToString(CultureInfo.InvariantCulture);
            return Problem.Unavailable("payment-pending", "Payment pending",
                "The provider did not answer; the payment stays pending until its outcome is known. Retry later with the same Idempotency-Key.");
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
