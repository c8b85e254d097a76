using Bazaar.Platform.Money;

namespace Bazaar.Orders.Domain;

/// <summary>An order and the only ways its status may change. An illegal transition throws; it is
/// never silently applied.</summary>
internal sealed class Order
{
    private static readonly Dictionary<OrderStatus, OrderStatus[]> Next = new()
    {
        [OrderStatus.Pending] = [OrderStatus.StockReserved, OrderStatus.Cancelled],
        [OrderStatus.StockReserved] = [OrderStatus.Paid, OrderStatus.PaymentFailed, OrderStatus.Cancelled],
        // A paid order may still be given up before it leaves: the customer cancels, or its stock
        // hold ran out before the payment landed. The saga then refunds and restocks.
        [OrderStatus.Paid] = [OrderStatus.Fulfilling, OrderStatus.Cancelled],
        [OrderStatus.Fulfilling] = [OrderStatus.Shipped, OrderStatus.Cancelled],
        [OrderStatus.Shipped] = [OrderStatus.Delivered],
        // Goods come back after delivery, in one return or several; each refunded return moves it on.
        [OrderStatus.Delivered] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.PartiallyRefunded] = [OrderStatus.PartiallyRefunded, OrderStatus.Refunded],
        [OrderStatus.Refunded] = [],
        [OrderStatus.Cancelled] = [],
        [OrderStatus.PaymentFailed] = [],
    };

    private Order(Guid id, Guid userId, OrderStatus status, IReadOnlyList<OrderLine> lines, ShippingAddress address, DateTimeOffset createdAt, Guid? paymentId)
    {
        Id = id;
        UserId = userId;
        Status = status;
        Lines = lines;
        ShippingAddress = address;
        CreatedAt = createdAt;
        PaymentId = paymentId;
        Total = lines.Select(line => line.LineTotal).Aggregate((sum, next) => sum + next);
    }

    public Guid Id { get; }
    public Guid UserId { get; }
    public OrderStatus Status { get; private set; }
    public IReadOnlyList<OrderLine> Lines { get; }
    public Money Total { get; }
    public ShippingAddress ShippingAddress { get; }
    public DateTimeOffset CreatedAt { get; }
    public Guid? PaymentId { get; private set; }

    /// <summary>A new Pending order. Its lines must share one currency.</summary>
    public static Order Place(Guid id, Guid userId, IReadOnlyList<OrderLine> lines, ShippingAddress address, DateTimeOffset now)
    {
        if (lines.Count == 0) throw new ArgumentException("An order needs at least one line.", nameof(lines));
        return new Order(id, userId, OrderStatus.Pending, lines, address, now, null);
    }

    /// <summary>An order as it was stored.</summary>
    public static Order Restore(Guid id, Guid userId, OrderStatus status, IReadOnlyList<OrderLine> lines, ShippingAddress address, DateTimeOffset createdAt, Guid? paymentId) =>
        new(id, userId, status, lines, address, createdAt, paymentId);

    public bool CanMoveTo(OrderStatus next) => Next[Status].Contains(next);

    public void MarkStockReserved() => MoveTo(OrderStatus.StockReserved);

    public void MarkPaid(Guid paymentId)
    {
        MoveTo(OrderStatus.Paid);
        PaymentId = paymentId;
    }

    public void MarkPaymentFailed() => MoveTo(OrderStatus.PaymentFailed);

    public void Cancel() => MoveTo(OrderStatus.Cancelled);

    public void StartFulfilling() => MoveTo(OrderStatus.Fulfilling);

    public void MarkShipped() => MoveTo(OrderStatus.Shipped);

    public void MarkDelivered() => MoveTo(OrderStatus.Delivered);

    /// <summary>A return was refunded: Refunded once <paramref name="everythingReturned"/>, else PartiallyRefunded.</summary>
    public void MarkReturnRefunded(bool everythingReturned) => MoveTo(everythingReturned ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded);

    /// <summary>Applies a carrier event: PickedUp ships the order and Delivered delivers it; the
    /// others need a parcel on its way (an Exception may also befall one not yet picked up).
    /// Throws when the event does not fit, leaving the order as it was.</summary>
    public void RecordShipmentEvent(string shipmentEvent)
    {
        switch (shipmentEvent)
        {
            case ShipmentEventKind.PickedUp:
                MarkShipped();
                break;
            case ShipmentEventKind.Delivered:
                MarkDelivered();
                break;
            case ShipmentEventKind.InTransit or ShipmentEventKind.OutForDelivery when Status == OrderStatus.Shipped:
            case ShipmentEventKind.Exception when Status is OrderStatus.Fulfilling or OrderStatus.Shipped:
                break;
            default:
                throw new InvalidShipmentEventException(Id, Status, shipmentEvent);
        }
    }

    /// <summary>The customer may still cancel: nothing has left the warehouse.</summary>
    public bool CanBeCancelled => Status is OrderStatus.Pending or OrderStatus.StockReserved or OrderStatus.Paid or OrderStatus.Fulfilling;

    /// <summary>Goods may come back: it was delivered, and not everything has been returned yet.</summary>
    public bool IsReturnable => Status is OrderStatus.Delivered or OrderStatus.PartiallyRefunded;

    /// <summary>Still being checked out: neither paid nor given up.</summary>
    public bool IsInCheckout => Status is OrderStatus.Pending or OrderStatus.StockReserved;

    private void MoveTo(OrderStatus next)
    {
        if (!CanMoveTo(next)) throw new InvalidOrderTransitionException(Id, Status, next);
        Status = next;
    }
}
