namespace Bazaar.Orders.Saga;

/// <summary>Why an order was given up; stored with its saga and sent in order-cancelled events.</summary>
internal static class CancelReason
{
    public const string OutOfStock = "out-of-stock";
    public const string ProductsUnavailable = "products-unavailable";
    public const string ServiceUnavailable = "service-unavailable";
    public const string PaymentDeclined = "payment-declined";
    public const string PaymentDeadline = "payment-deadline";
    public const string StockHoldExpired = "stock-hold-expired";
    public const string CustomerCancelled = "customer-cancelled";
    public const string AdminCancelled = "admin-cancelled";
}
