using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Bazaar.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>order-paid as order-service publishes it (the whole contract, fields the cart ignores included).</summary>
public sealed record OrderPaidEvent(Guid OrderId, Guid UserId, IReadOnlyList<OrderPaidEventLine> Lines, Money Total, DateTimeOffset PaidAt);

public sealed record OrderPaidEventLine(string Sku, Guid ProductId, int Quantity, Money UnitPrice);

public sealed record OrderShippedEvent(Guid OrderId, Guid UserId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaidEvent))]
[JsonSerializable(typeof(OrderShippedEvent))]
public sealed partial class OrderEventsJson : JsonSerializerContext;

/// <summary>Publishes <c>orders</c> events to the service's transport and waits, with a deadline
/// that only stops a broken build from hanging, for the consumer to act.</summary>
internal static class OrderEvents
{
    public const string Group = "cart-service";
    public const string OrderPaid = "bazaar.orders.order-paid.v1";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static CloudEvent Paid(Guid userId, params (string Sku, int Quantity)[] lines)
    {
        var orderId = Guid.CreateVersion7();
        var price = new Money(10m, "USD");
        var data = new OrderPaidEvent(
            orderId, userId, [.. lines.Select(line => new OrderPaidEventLine(line.Sku, Guid.CreateVersion7(), line.Quantity, price))],
            price * lines.Sum(line => line.Quantity), DateTimeOffset.UtcNow);
        return CloudEvent.Create("/order-service", OrderPaid, orderId.ToString(), data, OrderEventsJson.Default.OrderPaidEvent, TimeProvider.System);
    }

    /// <summary>An event of <paramref name="type"/> whose data is <paramref name="json"/> as given.</summary>
    public static CloudEvent Raw(string type, string json)
    {
        var orderId = Guid.CreateVersion7();
        var shell = CloudEvent.Create("/order-service", type, orderId.ToString(), new OrderShippedEvent(orderId, Guid.Empty),
            OrderEventsJson.Default.OrderShippedEvent, TimeProvider.System);
        using var document = JsonDocument.Parse(json);
        return shell with { Data = document.RootElement.Clone() };
    }

    public static Task PublishAsync(this ServiceFactory<Program> service, params CloudEvent[] events) =>
        service.Services.GetRequiredService<IEventTransport>().PublishAsync("orders", events, Cancellation);

    /// <summary>Publishes and waits until the consumer group has handled every event (its inbox holds them).</summary>
    public static async Task PublishAndWaitAsync(this ServiceFactory<Program> service, params CloudEvent[] events)
    {
        await service.PublishAsync(events);
        foreach (var envelope in events)
        {
            await EventuallyAsync(() => service.HandledAsync(envelope.Id), $"event {envelope.Id} was never handled");
        }
    }

    public static async Task<bool> HandledAsync(this ServiceFactory<Program> service, string eventId)
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbox WHERE consumer_group = @Group AND event_id = @eventId", new { Group, eventId },
            cancellationToken: Cancellation)) == 1;
    }

    /// <summary>The ids of the group's dead letters, as the operator endpoint lists them.</summary>
    public static async Task<IReadOnlyList<string>> DeadLetterIdsAsync(this ServiceFactory<Program> service)
    {
        var letters = await service.CreateClient().GetFromJsonAsync<JsonElement>($"/internal/messaging/dead-letters?group={Group}", Cancellation);
        return [.. letters.EnumerateArray().Select(letter => letter.GetProperty("eventId").GetString()!)];
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail(failure);
            await Task.Delay(20, Cancellation);
        }
    }
}
