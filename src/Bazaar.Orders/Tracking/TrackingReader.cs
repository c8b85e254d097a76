using Bazaar.Orders.Orders;

namespace Bazaar.Orders.Tracking;

/// <summary>An order's status and shipment timeline as the tracking endpoints answer it.</summary>
internal sealed class TrackingReader(OrderRepository orders, ShipmentRepository shipments)
{
    /// <summary>Null when there is no such order (or, given a user, when it is not theirs).</summary>
    public async Task<TrackingResponse?> ReadAsync(Guid orderId, Guid? userId, CancellationToken cancellationToken)
    {
        var order = userId is { } owner
            ? await orders.FindForUserAsync(orderId, owner, cancellationToken)
            : await orders.FindAsync(orderId, cancellationToken);
        if (order is null) return null;
        var shipment = await shipments.FindByOrderAsync(order.Id, cancellationToken);
        return new TrackingResponse(order.Id, order.Status.ToString(), shipment?.ToResponse(), shipment?.Events.Count ?? 0);
    }
}
