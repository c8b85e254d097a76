using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Testing;

/// <summary>order-paid as order-service publishes it (the whole contract, fields a consumer ignores included).</summary>
public sealed record OrderPaidEvent(Guid OrderId, Guid UserId, IReadOnlyList<OrderPaidEventLine> Lines, Money Total, DateTimeOffset PaidAt);

public sealed record OrderPaidEventLine(string Sku, Guid ProductId, int Quantity, Money UnitPrice);

public sealed record OrderShippedEvent(Guid OrderId, Guid UserId);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(OrderPaidEvent))]
[JsonSerializable(typeof(OrderShippedEvent))]
public sealed partial class OrderStreamJson : JsonSerializerContext;

/// <summary>The <c>orders</c> stream as the tests of a consuming service use it: events made as
/// order-service makes them, published to the service's transport, and a wait (with a deadline
/// that only stops a broken build from hanging) until the consumer group has handled them.</summary>
public static class OrderStream
{
    public const string OrderPaid = "bazaar.orders.order-paid.v1";

    public static CloudEvent Paid(Guid userId, params (string Sku, int Quantity)[] lines) => Paid(userId, DateTimeOffset.UtcNow, lines);

    /// <summary>An order of <paramref name="userId"/> paid at <paramref name="paidAt"/>.</summary>
    public static CloudEvent Paid(Guid userId, DateTimeOffset paidAt, params (string Sku, int Quantity)[] lines)
    {
        var orderId = Guid.CreateVersion7();
        var price = new Money(10m, "USD");
        var data = new OrderPaidEvent(
            orderId, userId, [.. lines.Select(line => new OrderPaidEventLine(line.Sku, Guid.CreateVersion7(), line.Quantity, price))],
            price * lines.Sum(line => line.Quantity), paidAt);
        return CloudEvent.Create("/order-service", OrderPaid, orderId.ToString(), data, OrderStreamJson.Default.OrderPaidEvent, TimeProvider.System);
    }

    /// <summary>An event of <paramref name="type"/> whose data is <paramref name="json"/> as given.</summary>
    public static CloudEvent Raw(string type, string json)
    {
        var orderId = Guid.CreateVersion7();
        var shell = CloudEvent.Create("/order-service", type, orderId.ToString(), new OrderShippedEvent(orderId, Guid.Empty),
            OrderStreamJson.Default.OrderShippedEvent, TimeProvider.System);
        using var document = JsonDocument.Parse(json);
        return shell with { Data = document.RootElement.Clone() };
    }

    public static Task PublishAsync<TProgram>(ServiceFactory<TProgram> service, IReadOnlyList<CloudEvent> events, CancellationToken cancellation) where TProgram : class =>
        service.Services.GetRequiredService<IEventTransport>().PublishAsync("orders", events, cancellation);

    /// <summary>Publishes and waits until <paramref name="group"/> has handled every event (its inbox holds them).</summary>
    public static async Task PublishAndWaitAsync<TProgram>(ServiceFactory<TProgram> service, string group, IReadOnlyList<CloudEvent> events, CancellationToken cancellation)
        where TProgram : class
    {
        await PublishAsync(service, events, cancellation);
        foreach (var envelope in events)
        {
            await EventuallyAsync(() => HandledAsync(service, group, envelope.Id, cancellation), $"event {envelope.Id} was never handled", cancellation);
        }
    }

    public static async Task<bool> HandledAsync<TProgram>(ServiceFactory<TProgram> service, string group, string eventId, CancellationToken cancellation)
        where TProgram : class
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(cancellation);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM inbox WHERE consumer_group = @group AND event_id = @eventId", new { group, eventId },
            cancellationToken: cancellation)) == 1;
    }

    /// <summary>The ids of the group's dead letters, as the operator endpoint lists them.</summary>
    public static async Task<IReadOnlyList<string>> DeadLetterIdsAsync<TProgram>(ServiceFactory<TProgram> service, string group, CancellationToken cancellation)
        where TProgram : class
    {
        var letters = await service.CreateClient().GetFromJsonAsync<JsonElement>($"/internal/messaging/dead-letters?group={group}", cancellation);
        return [.. letters.EnumerateArray().Select(letter => letter.GetProperty("eventId").GetString()!)];
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string failure, CancellationToken cancellation)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline) Assert.Fail(failure);
            await Task.Delay(20, cancellation);
        }
    }
}
