using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Checkout;

/// <summary>The problem each failed checkout answers with. Failures after the order was created
/// name it (<c>orderId</c>), so the client can look it up.</summary>
internal static class CheckoutProblems
{
    public static ProblemHttpResult For(CheckoutResult result) => result.Failure switch
    {
        CheckoutFailure.EmptyCart => Create(result, StatusCodes.Status422UnprocessableEntity, "empty-cart", "Empty cart"),
        CheckoutFailure.ProductsUnavailable => Create(result, StatusCodes.Status422UnprocessableEntity, "products-unavailable", "Products unavailable"),
        CheckoutFailure.InsufficientStock => Create(result, StatusCodes.Status409Conflict, "insufficient-stock", "Insufficient stock"),
        CheckoutFailure.PaymentDeclined => Create(result, StatusCodes.Status402PaymentRequired, "payment-declined", "Payment declined"),
        CheckoutFailure.Unavailable => Create(result, StatusCodes.Status503ServiceUnavailable, "checkout-unavailable", "Checkout unavailable"),
        CheckoutFailure.PaymentPending => Create(result, StatusCodes.Status503ServiceUnavailable, "payment-pending", "Payment pending"),
        CheckoutFailure.Cancelled => Create(result, StatusCodes.Status409Conflict, "order-cancelled", "Order cancelled"),
        _ => IdempotencyKey.ReusedWithAnotherBody(),
    };

    private static ProblemHttpResult Create(CheckoutResult result, int status, string slug, string title)
    {
        var extensions = new Dictionary<string, object?>();
        if (result.OrderId is { } orderId) extensions["orderId"] = orderId.ToString();
        if (result.DeclineCode is { } declineCode) extensions["declineCode"] = declineCode;
        return TypedResults.Problem(result.Detail, statusCode: status, title: title, type: Problem.Type(slug), extensions: extensions);
    }
}
