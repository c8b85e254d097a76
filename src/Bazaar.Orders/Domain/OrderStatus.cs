namespace Bazaar.Orders.Domain;

public enum OrderStatus
{
    Pending,
    StockReserved,
    Paid,
    Fulfilling,
    Shipped,
    Delivered,
    Cancelled,
    PaymentFailed,
}
