namespace Bazaar.Orders.Domain;

/// <summary>An order was asked to move to a status its current status does not lead to.</summary>
public sealed class InvalidOrderTransitionException(Guid orderId, OrderStatus from, OrderStatus to)
    : InvalidOperationException($"Order {orderId} cannot go from {from} to {to}.")
{
    public OrderStatus From { get; } = from;

    public OrderStatus To { get; } = to;
}
