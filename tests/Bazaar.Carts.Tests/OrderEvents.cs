using Bazaar.Messaging.Envelope;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>The orders stream (see <see cref="OrderStream"/>) for this service's consumer group.</summary>
internal static class OrderEvents
{
    public const string Group = "cart-service";
    public const string OrderPaid = OrderStream.OrderPaid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static CloudEvent Paid(Guid userId, params (string Sku, int Quantity)[] lines) => OrderStream.Paid(userId, lines);

    public static CloudEvent PaidAt(Guid userId, DateTimeOffset paidAt, params (string Sku, int Quantity)[] lines) => OrderStream.Paid(userId, paidAt, lines);

    public static CloudEvent Raw(string type, string json) => OrderStream.Raw(type, json);

    public static Task EventuallyAsync(Func<Task<bool>> condition, string failure) => OrderStream.EventuallyAsync(condition, failure, Cancellation);

    public static Task PublishAsync(this ServiceFactory<Program> service, params CloudEvent[] events) => OrderStream.PublishAsync(service, events, Cancellation);

    public static Task PublishAndWaitAsync(this ServiceFactory<Program> service, params CloudEvent[] events) => OrderStream.PublishAndWaitAsync(service, Group, events, Cancellation);

    public static Task<bool> HandledAsync(this ServiceFactory<Program> service, string eventId) => OrderStream.HandledAsync(service, Group, eventId, Cancellation);

    public static Task<IReadOnlyList<string>> DeadLetterIdsAsync(this ServiceFactory<Program> service) => OrderStream.DeadLetterIdsAsync(service, Group, Cancellation);
}
