using Bazaar.Orders.Domain;
using Bazaar.Platform.Money;
using Xunit;

namespace Bazaar.Orders.Tests;

public sealed class OrderTests
{
    private static Order NewOrder() => Order.Place(Guid.NewGuid(), Guid.NewGuid(),
        [new OrderLine("SKU-1", Guid.NewGuid(), "Mug", 2, new Money(12.50m, "USD")), new OrderLine("SKU-2", Guid.NewGuid(), "Tea", 3, new Money(3.333m, "USD"))],
        new ShippingAddress("Ann", "1 High St", null, "London", "N1", "GB"), DateTimeOffset.UnixEpoch);

    /// <summary>Brings a new order to <paramref name="status"/> by legal moves only.</summary>
    private static Order OrderIn(OrderStatus status)
    {
        var order = NewOrder();
        Action<Order>[] path = status switch
        {
            OrderStatus.Pending => [],
            OrderStatus.StockReserved => [o => o.MarkStockReserved()],
            OrderStatus.Cancelled => [o => o.Cancel()],
            OrderStatus.PaymentFailed => [o => o.MarkStockReserved(), o => o.MarkPaymentFailed()],
            OrderStatus.Paid => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid())],
            OrderStatus.Fulfilling => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid()), o => o.StartFulfilling()],
            OrderStatus.Shipped => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid()), o => o.StartFulfilling(), o => o.MarkShipped()],
            OrderStatus.Delivered => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid()), o => o.StartFulfilling(), o => o.MarkShipped(), o => o.MarkDelivered()],
            OrderStatus.PartiallyRefunded => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid()), o => o.StartFulfilling(), o => o.MarkShipped(), o => o.MarkDelivered(),
                o => o.MarkReturnRefunded(everythingReturned: false)],
            _ => [o => o.MarkStockReserved(), o => o.MarkPaid(Guid.NewGuid()), o => o.StartFulfilling(), o => o.MarkShipped(), o => o.MarkDelivered(),
                o => o.MarkReturnRefunded(everythingReturned: true)],
        };
        foreach (var step in path) step(order);
        Assert.Equal(status, order.Status);
        return order;
    }

    private static void Move(Order order, OrderStatus to)
    {
        switch (to)
        {
            case OrderStatus.StockReserved: order.MarkStockReserved(); break;
            case OrderStatus.Paid: order.MarkPaid(Guid.NewGuid()); break;
            case OrderStatus.PaymentFailed: order.MarkPaymentFailed(); break;
            case OrderStatus.Cancelled: order.Cancel(); break;
            case OrderStatus.Fulfilling: order.StartFulfilling(); break;
            case OrderStatus.Shipped: order.MarkShipped(); break;
            case OrderStatus.Delivered: order.MarkDelivered(); break;
            case OrderStatus.PartiallyRefunded: order.MarkReturnRefunded(everythingReturned: false); break;
            case OrderStatus.Refunded: order.MarkReturnRefunded(everythingReturned: true); break;
            default: throw new ArgumentOutOfRangeException(nameof(to));
        }
    }

    public static TheoryData<OrderStatus, OrderStatus> Legal => new()
    {
        { OrderStatus.Pending, OrderStatus.StockReserved },
        { OrderStatus.Pending, OrderStatus.Cancelled },
        { OrderStatus.StockReserved, OrderStatus.Paid },
        { OrderStatus.StockReserved, OrderStatus.PaymentFailed },
        { OrderStatus.StockReserved, OrderStatus.Cancelled },
        { OrderStatus.Paid, OrderStatus.Fulfilling },
        { OrderStatus.Paid, OrderStatus.Cancelled },
        { OrderStatus.Fulfilling, OrderStatus.Shipped },
        { OrderStatus.Fulfilling, OrderStatus.Cancelled },
        { OrderStatus.Shipped, OrderStatus.Delivered },
        { OrderStatus.Delivered, OrderStatus.PartiallyRefunded },
        { OrderStatus.Delivered, OrderStatus.Refunded },
        // a second partial return keeps it PartiallyRefunded
        { OrderStatus.PartiallyRefunded, OrderStatus.PartiallyRefunded },
        { OrderStatus.PartiallyRefunded, OrderStatus.Refunded },
    };

    [Theory]
    [MemberData(nameof(Legal))]
    public void Legal_transitions_are_applied(OrderStatus from, OrderStatus to)
    {
        var order = OrderIn(from);
        Move(order, to);
        Assert.Equal(to, order.Status);
    }

    public static TheoryData<OrderStatus, OrderStatus> Illegal()
    {
        var data = new TheoryData<OrderStatus, OrderStatus>();
        var legal = Legal.Select(row => ((OrderStatus)row.Data.Item1, (OrderStatus)row.Data.Item2)).ToHashSet();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var to in Enum.GetValues<OrderStatus>().Where(s => s != OrderStatus.Pending))
            {
                if (!legal.Contains((from, to))) data.Add(from, to);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Illegal))]
    public void Illegal_transitions_throw_and_change_nothing(OrderStatus from, OrderStatus to)
    {
        var order = OrderIn(from);
        var paymentId = order.PaymentId;

        var exception = Assert.Throws<InvalidOrderTransitionException>(() => Move(order, to));

        Assert.Equal(from, exception.From);
        Assert.Equal(to, exception.To);
        Assert.Equal(from, order.Status);
        Assert.Equal(paymentId, order.PaymentId);
    }

    [Fact]
    public void A_new_order_is_pending_and_totals_its_rounded_lines()
    {
        var order = NewOrder();
        Assert.Equal(OrderStatus.Pending, order.Status);
        Assert.Equal(new Money(10.00m, "USD"), order.Lines[1].LineTotal); // 3 x 3.333 = 9.999, rounded
        Assert.Equal(new Money(35.00m, "USD"), order.Total);
    }

    [Fact]
    public void Paying_records_the_payment()
    {
        var order = OrderIn(OrderStatus.StockReserved);
        var paymentId = Guid.NewGuid();
        order.MarkPaid(paymentId);
        Assert.Equal(paymentId, order.PaymentId);
    }

    [Fact]
    public void An_order_needs_lines_in_one_currency()
    {
        var address = new ShippingAddress("Ann", "1 High St", null, "London", "N1", "GB");
        Assert.Throws<ArgumentException>(() => Order.Place(Guid.NewGuid(), Guid.NewGuid(), [], address, DateTimeOffset.UnixEpoch));
        Assert.Throws<InvalidOperationException>(() => Order.Place(Guid.NewGuid(), Guid.NewGuid(),
            [new OrderLine("A", Guid.NewGuid(), "A", 1, new Money(1m, "USD")), new OrderLine("B", Guid.NewGuid(), "B", 1, new Money(1m, "EUR"))],
            address, DateTimeOffset.UnixEpoch));
    }

    public static TheoryData<OrderStatus, string, OrderStatus> FittingShipmentEvents => new()
    {
        { OrderStatus.Fulfilling, "PickedUp", OrderStatus.Shipped },
        { OrderStatus.Fulfilling, "Exception", OrderStatus.Fulfilling },
        { OrderStatus.Shipped, "InTransit", OrderStatus.Shipped },
        { OrderStatus.Shipped, "OutForDelivery", OrderStatus.Shipped },
        { OrderStatus.Shipped, "Exception", OrderStatus.Shipped },
        { OrderStatus.Shipped, "Delivered", OrderStatus.Delivered },
    };

    [Theory]
    [MemberData(nameof(FittingShipmentEvents))]
    public void Shipment_events_move_the_order_as_the_parcel_moves(OrderStatus from, string shipmentEvent, OrderStatus to)
    {
        var order = OrderIn(from);
        order.RecordShipmentEvent(shipmentEvent);
        Assert.Equal(to, order.Status);
    }

    public static TheoryData<OrderStatus, string> MisfittingShipmentEvents()
    {
        var data = new TheoryData<OrderStatus, string>();
        var fitting = FittingShipmentEvents.Select(row => ((OrderStatus)row.Data.Item1, (string)row.Data.Item2)).ToHashSet();
        foreach (var from in Enum.GetValues<OrderStatus>())
        {
            foreach (var shipmentEvent in new[] { "PickedUp", "InTransit", "OutForDelivery", "Delivered", "Exception", "LabelCreated", "Lost" })
            {
                if (!fitting.Contains((from, shipmentEvent))) data.Add(from, shipmentEvent);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(MisfittingShipmentEvents))]
    public void A_shipment_event_that_does_not_fit_throws_and_changes_nothing(OrderStatus from, string shipmentEvent)
    {
        var order = OrderIn(from);

        var exception = Assert.ThrowsAny<InvalidOperationException>(() => order.RecordShipmentEvent(shipmentEvent));

        Assert.True(exception is InvalidOrderTransitionException or InvalidShipmentEventException, exception.GetType().Name);
        Assert.Equal(from, order.Status);
    }

    [Fact]
    public void Only_a_delivered_order_not_yet_wholly_returned_takes_goods_back()
    {
        var returnable = Enum.GetValues<OrderStatus>().Where(status => OrderIn(status).IsReturnable);
        Assert.Equal([OrderStatus.Delivered, OrderStatus.PartiallyRefunded], returnable);
    }
}
