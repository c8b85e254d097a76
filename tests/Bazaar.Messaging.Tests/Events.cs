using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Messaging.Envelope;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Messaging.Tests;

public sealed record OrderPlaced(Guid OrderId, decimal Total);

[JsonSerializable(typeof(OrderPlaced))]
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
public sealed partial class TestJson : JsonSerializerContext;

/// <summary>Builds test envelopes.</summary>
public static class Events
{
    public static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero));

    public static CloudEvent Placed(string subject, decimal total = 10m, TimeProvider? time = null) =>
        CloudEvent.Create("/order-service", "bazaar.orders.order-placed.v1", subject, new OrderPlaced(Guid.CreateVersion7(), total), TestJson.Default.OrderPlaced, time ?? Clock);

    public static decimal Total(this CloudEvent envelope) => envelope.DataAs(TestJson.Default.OrderPlaced)!.Total;
}
