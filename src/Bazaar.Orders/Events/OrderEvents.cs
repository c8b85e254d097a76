using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Returns;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Events;

/// <summary>Writes order events into the outbox, inside the transaction of the change they report.</summary>
internal sealed class OrderEvents(TimeProvider clock)
{
    public const string Stream = "orders";
    public const string Source = "/order-service";
    public const string Paid = "bazaar.orders.order-paid.v1";
    public const string Cancelled = "bazaar.orders.order-cancelled.v1";
    public const string Shipped = "bazaar.orders.order-shipped.v1";
    public const string Delivered = "bazaar.orders.order-delivered.v1";
    public const string Returned = "bazaar.orders.order-returned.v1";

    public Task PaidAsync(DbConnection connection, DbTransaction transaction, Order order, CancellationToken cancellationToken) =>
        AddAsync(connection, transaction, CloudEvent.Create(Source, Paid, order.Id.ToString(),
            new OrderPaidEvent(order.Id, order.UserId,
                order.Lines.Select(line => new OrderPaidLine(line.Sku, line.ProductId, line.Quantity, line.UnitPrice)).ToList(),
                order.Total, clock.GetUtcNow()),
            OrdersJson.Default.OrderPaidEvent, clock), cancellationToken);

    public Task CancelledAsync(DbConnection connection, DbTransaction transaction, Order order, string reason, Money? refunded, CancellationToken cancellationToken) =>
        AddAsync(connection, transaction, CloudEvent.Create(Source, Cancelled, order.Id.ToString(),
            new OrderCancelledEvent(order.Id, order.UserId, reason, refunded), OrdersJson.Default.OrderCancelledEvent, clock), cancellationToken);

    /// <summary>Goods of a delivered order came back and were refunded.</summary>
    public Task ReturnedAsync(DbConnection connection, DbTransaction transaction, Order order, OrderReturn orderReturn, CancellationToken cancellationToken) =>
        AddAsync(connection, transaction, CloudEvent.Create(Source, Returned, order.Id.ToString(),
            new OrderReturnedEvent(order.Id, order.UserId, orderReturn.Lines.Select(line => new OrderReturnedLine(line.Sku, line.Quantity)).ToList(), orderReturn.Amount),
            OrdersJson.Default.OrderReturnedEvent, clock), cancellationToken);

    /// <summary>order-shipped or order-delivered, when the order has just become one of them.</summary>
    public Task MovedAsync(DbConnection connection, DbTransaction transaction, Order order, CancellationToken cancellationToken) => order.Status switch
    {
        OrderStatus.Shipped => AddAsync(connection, transaction, Moved(Shipped, order), cancellationToken),
        OrderStatus.Delivered => AddAsync(connection, transaction, Moved(Delivered, order), cancellationToken),
        _ => Task.CompletedTask,
    };

    private CloudEvent Moved(string type, Order order) =>
        CloudEvent.Create(Source, type, order.Id.ToString(), new OrderMovedEvent(order.Id, order.UserId), OrdersJson.Default.OrderMovedEvent, clock);

    private static Task AddAsync(DbConnection connection, DbTransaction transaction, CloudEvent envelope, CancellationToken cancellationToken) =>
        Bazaar.Messaging.Outbox.Outbox.AddAsync(connection, transaction, Stream, envelope, cancellationToken);
}
