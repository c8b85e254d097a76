using Bazaar.Messaging.Envelope;
using Bazaar.Platform.Money;
using Bazaar.Recommendations.Model;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The orders stream (see <see cref="OrderStream"/>) for this service's consumer group.</summary>
internal static class OrderEvents
{
    public const string Group = "recommendation-service";
    public const string OrderPaid = OrderStream.OrderPaid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>When the orders of <see cref="Paid"/> are paid: all at one instant, so that decay
    /// does not tell them apart (orders paid 100 ms apart differ by ~1e-8 in weight) and hand-computed
    /// similarities are exact, ties included.</summary>
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    /// <summary>A paid order of one of each SKU (a SKU named twice is two lines), paid at <see cref="Now"/>.</summary>
    public static CloudEvent Paid(params string[] skus) => PaidAt(Now, skus);

    /// <summary>A paid order of one of each SKU, paid at <paramref name="paidAt"/>.</summary>
    public static CloudEvent PaidAt(DateTimeOffset paidAt, params string[] skus) => PaidBy(Guid.CreateVersion7(), paidAt, skus);

    /// <summary>A paid order of one of each SKU by <paramref name="userId"/>, paid at <paramref name="paidAt"/>.</summary>
    public static CloudEvent PaidBy(Guid userId, DateTimeOffset paidAt, params string[] skus)
    {
        var orderId = Guid.CreateVersion7();
        var price = new Money(10m, "USD");
        var data = new OrderPaidEvent(orderId, userId,
            [.. skus.Select(sku => new OrderPaidEventLine(sku, Guid.CreateVersion7(), 1, price))], price * skus.Length, paidAt);
        return CloudEvent.Create("/order-service", OrderPaid, orderId.ToString(), data, OrderStreamJson.Default.OrderPaidEvent, TimeProvider.System);
    }

    public static CloudEvent Raw(string type, string json) => OrderStream.Raw(type, json);

    public static Task EventuallyAsync(Func<Task<bool>> condition, string failure) => OrderStream.EventuallyAsync(condition, failure, Cancellation);

    public static Task PublishAsync(this ServiceFactory<Program> service, params CloudEvent[] events) => OrderStream.PublishAsync(service, events, Cancellation);

    /// <summary>Publishes, waits until the events were handled, then refreshes the in-memory lists
    /// (as the background refresher would within its interval), so the next answer reflects them.</summary>
    public static async Task PublishAndWaitAsync(this ServiceFactory<Program> service, params CloudEvent[] events)
    {
        await OrderStream.PublishAndWaitAsync(service, Group, events, Cancellation);
        await service.RefreshModelAsync();
    }

    public static Task RefreshModelAsync(this ServiceFactory<Program> service) =>
        service.Services.GetRequiredService<ModelCache>().RefreshAsync(Cancellation);

    public static Task<bool> HandledAsync(this ServiceFactory<Program> service, string eventId) => OrderStream.HandledAsync(service, Group, eventId, Cancellation);

    public static Task<IReadOnlyList<string>> DeadLetterIdsAsync(this ServiceFactory<Program> service) => OrderStream.DeadLetterIdsAsync(service, Group, Cancellation);
}
