namespace Bazaar.Orders.Domain;

/// <summary>A carrier event that does not fit the order's status (in transit before it was picked
/// up, anything after delivery ...).</summary>
public sealed class InvalidShipmentEventException(Guid orderId, OrderStatus status, string shipmentEvent)
    : InvalidOperationException($"Order {orderId} is {status}; a {shipmentEvent} event does not fit.")
{
    public OrderStatus Status { get; } = status;

    public string ShipmentEvent { get; } = shipmentEvent;
}
