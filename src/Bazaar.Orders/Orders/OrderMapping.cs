using Bazaar.Orders.Domain;
using Bazaar.Orders.Returns;
using Bazaar.Orders.Tracking;

namespace Bazaar.Orders.Orders;

internal static class OrderMapping
{
    public static OrderResponse ToResponse(this Order order, Shipment? shipment, IReadOnlyList<OrderReturn> returns) => new(
        order.Id,
        order.Status.ToString(),
        order.Lines.Select(line => new OrderLineResponse(line.Sku, line.Name, line.Quantity, line.UnitPrice, line.LineTotal)).ToList(),
        order.Total,
        new AddressResponse(order.ShippingAddress.Name, order.ShippingAddress.Line1, order.ShippingAddress.Line2, order.ShippingAddress.City,
            order.ShippingAddress.PostalCode, order.ShippingAddress.Country),
        order.CreatedAt,
        shipment?.ToResponse(),
        returns.Select(r => new OrderReturnResponse(r.Id, r.Lines.Select(line => new ReturnLineResponse(line.Sku, line.Quantity)).ToList(), r.Amount, r.Status, r.CreatedAt)).ToList());

    public static ShipmentResponse ToResponse(this Shipment shipment) => new(
        shipment.Carrier, shipment.TrackingNumber, shipment.Status, shipment.Events.Select(e => new ShipmentEventResponse(e.Status, e.At, e.Note)).ToList());
}
