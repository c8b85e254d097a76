using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Messaging.Envelope;

namespace Bazaar.Carts.PaidOrders;

/// <summary>What cart-service reads of <c>bazaar.orders.order-paid.v1</c>: its own copy of the part
/// of order-service's contract it needs; every other field is ignored.</summary>
internal sealed record OrderPaid(Guid OrderId, Guid UserId, IReadOnlyList<OrderPaidLine>? Lines, DateTimeOffset? PaidAt)
{
    public const string Type = "bazaar.orders.order-paid.v1";

    /// <summary>The payload of <paramref name="envelope"/>, checked against the contract.</summary>
    /// <exception cref="JsonException">The payload is not an order-paid event; retrying cannot
    /// help, so the event ends in the dead letters.</exception>
    public static OrderPaid Read(CloudEvent envelope)
    {
        if (envelope.Data.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Event {envelope.Id}: the order-paid data is not an object.");
        }
        var order = envelope.DataAs(PaidOrdersJson.Default.OrderPaid)!;
        if (order.OrderId == Guid.Empty || order.UserId == Guid.Empty)
        {
            throw new JsonException($"Event {envelope.Id}: the order-paid data lacks the order id or the user id.");
        }
        if (order.Lines is not { Count: > 0 } lines || lines.Any(line => string.IsNullOrWhiteSpace(line?.Sku) || line.Quantity < 1))
        {
            throw new JsonException($"Event {envelope.Id}: order {order.OrderId} has no lines, or a line without a SKU or a positive quantity.");
        }
        return order;
    }
}

internal sealed record OrderPaidLine(string? Sku, int Quantity);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaid))]
internal sealed partial class PaidOrdersJson : JsonSerializerContext;
