using Bazaar.Orders.Orders;

namespace Bazaar.Orders.Checkout;

internal enum CheckoutFailure
{
    EmptyCart,
    ProductsUnavailable,
    InsufficientStock,
    PaymentDeclined,
    Unavailable,
    /// <summary>The payment's outcome is not known yet; the order waits, and the same key resumes it.</summary>
    PaymentPending,
    /// <summary>A retried key whose order was cancelled earlier (out of stock, or a service down).</summary>
    Cancelled,
    KeyReused,
}

/// <summary>How a checkout ended: the order (new, or the one an earlier request with the same key
/// placed), or why not. A failure after the order was created carries its id.</summary>
internal sealed record CheckoutResult(OrderResponse? Order, bool Replayed, CheckoutFailure? Failure, Guid? OrderId, string? Detail, string? DeclineCode = null)
{
    public static CheckoutResult Placed(OrderResponse order) => new(order, false, null, order.Id, null);

    public static CheckoutResult Replay(OrderResponse order) => new(order, true, null, order.Id, null);

    public static CheckoutResult Fail(CheckoutFailure failure, string detail, Guid? orderId = null) => new(null, false, failure, orderId, detail);

    public static CheckoutResult Declined(Guid orderId, string declineCode) =>
        new(null, false, CheckoutFailure.PaymentDeclined, orderId, "The card was declined; the order was not placed and nothing was charged.", declineCode);
}
