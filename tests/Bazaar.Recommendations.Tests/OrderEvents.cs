using Bazaar.Messaging.Envelope;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The orders stream (see <see cref="OrderStream"/>) for this service's consumer group.</summary>
internal static class OrderEvents
{
    public const string Group = "recommendation-service";
    public const string OrderPaid = OrderStream.OrderPaid;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A paid order of one of each SKU (a SKU named twice is two lines).</summary>
    public static CloudEvent Paid(params string[] skus) => OrderStream.Paid(Guid.CreateVersion7(), [.. skus.Select(sku => (sku, 1))]);

    public static CloudEvent Raw(string type, string json) => OrderStream.Raw(type, json);

    public static Task EventuallyAsync(Func<Task<bool>> condition, string failure) => OrderStream.EventuallyAsync(condition, failure, Cancellation);

    public static Task PublishAsync(this ServiceFactory<Program> service, params CloudEvent[] events) => OrderStream.PublishAsync(service, events, Cancellation);

    public static Task PublishAndWaitAsync(this ServiceFactory<Program> service, params CloudEvent[] events) => OrderStream.PublishAndWaitAsync(service, Group, events, Cancellation);

    public static Task<bool> HandledAsync(this ServiceFactory<Program> service, string eventId) => OrderStream.HandledAsync(service, Group, eventId, Cancellation);

    public static Task<IReadOnlyList<string>> DeadLetterIdsAsync(this ServiceFactory<Program> service) => OrderStream.DeadLetterIdsAsync(service, Group, Cancellation);
}
