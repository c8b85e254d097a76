using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Messaging.Envelope;

namespace Bazaar.Recommendations.Purchases;

/// <summary>What recommendation-service reads of <c>bazaar.orders.order-paid.v1</c>: its own copy
/// of the part of order-service's contract it needs; every other field is ignored.</summary>
internal sealed record OrderPaid(Guid OrderId, Guid UserId, IReadOnlyList<OrderPaidLine>? Lines, DateTimeOffset? PaidAt)
{
    public const string Type = "bazaar.orders.order-paid.v1";

    private const int MaxSkuLength = 64;

    /// <summary>The payload of <paramref name="envelope"/>, checked against the contract.</summary>
    /// <exception cref="JsonException">The payload is not an order-paid event; retrying cannot
    /// help, so the event ends in the dead letters.</exception>
    public static OrderPaid Read(CloudEvent envelope)
    {
        if (envelope.Data.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Event {envelope.Id}: the order-paid data is not an object.");
        }
        var order = envelope.DataAs(PurchasesJson.Default.OrderPaid)!;
        if (order.OrderId == Guid.Empty)
        {
            throw new JsonException($"Event {envelope.Id}: the order-paid data lacks the order id.");
        }
        if (order.Lines is not { Count: > 0 } lines || lines.Any(line => string.IsNullOrWhiteSpace(line?.Sku) || line.Sku.Length > MaxSkuLength))
        {
            throw new JsonException($"Event {envelope.Id}: order {order.OrderId} has no lines, or a line without a SKU of 1 to {MaxSkuLength} characters.");
        }
        return order;
    }

    /// <summary>How far ahead of this service's clock a payment time may be (clock skew between hosts).</summary>
    public static readonly TimeSpan MaxSkew = TimeSpan.FromMinutes(5);

    /// <summary>When the order was paid, as unix ms: the payment time, or the event's if the
    /// payload lacks it. The event's own time, not the clock on handling, so a replay decays alike.
    /// A time more than <see cref="MaxSkew"/> after <paramref name="now"/> is clamped to
    /// <paramref name="now"/>: the order was paid, so it still counts, but a far-future time would
    /// make every later order weigh next to nothing against it and freeze the counts.</summary>
    public static long PaidAtOf(OrderPaid order, CloudEvent envelope, DateTimeOffset now)
    {
        var paidAt = order.PaidAt ?? envelope.Time;
        return (paidAt > now + MaxSkew ? now : paidAt).ToUnixTimeMilliseconds();
    }
}

internal sealed record OrderPaidLine(string? Sku);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaid))]
internal sealed partial class PurchasesJson : JsonSerializerContext;
