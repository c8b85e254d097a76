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
    /// <summary>Delivered, then some of its goods came back and were refunded.</summary>
    PartiallyRefunded,
    /// <summary>Delivered, then every unit came back and was refunded.</summary>
    Refunded,
}
