using Bazaar.Orders.Domain;
using Bazaar.Orders.Returns;
using Bazaar.Orders.Tracking;

namespace Bazaar.Orders.Orders;

/// <summary>An order as its owner and the admins see it: with its shipment and its returns.</summary>
internal sealed class OrderViews(ShipmentRepository shipments, ReturnRepository returns)
{
    public async Task<OrderResponse> ViewAsync(Order order, CancellationToken cancellationToken) =>
        order.ToResponse(await shipments.FindByOrderAsync(order.Id, cancellationToken), await returns.ListForOrderAsync(order.Id, cancellationToken));
}
