using System.Data.Common;
using Bazaar.Carts.Cart;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;

namespace Bazaar.Carts.PaidOrders;

/// <summary>cart-service's part of a checkout, from the <c>orders</c> stream: once an order is
/// paid, what it bought leaves the buyer's cart. Other order events mean nothing to a cart.</summary>
internal sealed class OrderPaidHandler(CartRepository carts, ILogger<OrderPaidHandler> logger) : IEventHandler
{
    public const string Group = "cart-service";

    public async Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (envelope.Type != OrderPaid.Type)
        {
            return;
        }
        var order = OrderPaid.Read(envelope);
        // One SKU on two lines of an order is bought once with both quantities.
        var bought = order.Lines!
            .GroupBy(line => line.Sku!, StringComparer.Ordinal)
            .Select(sku => new CartItem(sku.Key, sku.Sum(line => (long)line.Quantity)))
            .ToList();
        // An event without the time takes out what it bought, whenever the line was set.
        var changed = await carts.RemovePurchasedAsync(connection, transaction, order.UserId, bought, order.PaidAt ?? DateTimeOffset.MaxValue, cancellationToken);
        logger.LogDebug("Order {OrderId} is paid: {Changed} cart lines of its buyer changed", order.OrderId, changed);
    }
}
