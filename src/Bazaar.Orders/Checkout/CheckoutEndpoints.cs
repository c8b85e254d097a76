using Bazaar.Platform.Payments;
using System.Net.Http.Headers;
using System.Security.Claims;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Checkout;

internal static class CheckoutEndpoints
{
    public static void MapCheckout(this WebApplication app) =>
        app.MapPost("/api/orders", Checkout).WithTags("checkout").RequireAuthorization();

    private static async Task<Results<Created<OrderResponse>, Ok<OrderResponse>, ValidationProblem, ProblemHttpResult>> Checkout(
        CheckoutRequest request, ClaimsPrincipal user, HttpContext http, CheckoutService checkout, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(http.Request, out var key, out var missingKey)) return missingKey!;
        if (PaymentCard.Violation(request.Card!.Number, request.Card.ExpiryMonth, request.Card.ExpiryYear, clock.GetUtcNow()) is { } violation) return Problem.Invalid(violation.Field, violation.Message);
        // The cart belongs to the caller, so it is read with the caller's own token.
        var caller = AuthenticationHeaderValue.Parse(http.Request.Headers.Authorization.ToString());

        var result = await checkout.CheckoutAsync(new CheckoutCommand(user.UserId(), caller, key, request.Card!, request.ShippingAddress!), cancellationToken);
        if (result.Order is { } order)
        {
            return result.Replayed ? TypedResults.Ok(order) : TypedResults.Created($"/api/orders/{order.Id}", order);
        }
        if (result.Failure is CheckoutFailure.Unavailable or CheckoutFailure.PaymentPending)
        {
            http.Response.Headers.RetryAfter = result.Failure == CheckoutFailure.Unavailable ? "5" : "2";
        }
        return CheckoutProblems.For(result);
    }
}
