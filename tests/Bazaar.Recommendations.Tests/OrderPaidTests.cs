using System.Net;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Inbox;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>recommendation-service learns from <c>bazaar.orders.order-paid.v1</c>: each paid order
/// counts once, other events and malformed ones count for nothing.</summary>
public sealed class OrderPaidTests(RecommendationsFactory service) : IClassFixture<RecommendationsFactory>
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_paid_orders_count_as_two()
    {
        using var isolated = new RecommendationsFactory(); // popularity counts every order the service ever saw
        var sku = isolated.NewProducts(Kitchen, "A", "B", "C", "D");

        await isolated.RecordAsync(sku("A"), sku("B"));
        await isolated.RecordAsync(sku("A"), sku("B"), sku("C"));

        // n(A) = n(B) = 2, n(C) = 1: A–B 2/sqrt(2·2) = 1, A–C and B–C 1/sqrt(2·1) = 0.707107.
        var client = isolated.CreateClient();
        Assert.Equal([(sku("B"), 1.0), (sku("C"), 0.707107)], (await client.RecommendAsync(sku("A"))).Rounded);
        Assert.Equal([(sku("A"), 0.707107), (sku("B"), 0.707107)], (await client.RecommendAsync(sku("C"))).Rounded);
        var forD = await client.RecommendAsync(sku("D"));
        Assert.Equal("popular", forD.Strategy);
        Assert.Equal([sku("A"), sku("B"), sku("C")], forD.Skus);
        Assert.Equal([2.0, 2.0, 1.0], forD.Items.Select(i => Math.Round(i.Score, 3)));
    }

    [Fact]
    public async Task A_redelivered_event_does_not_count_twice()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        var paid = await service.RecordAsync(sku("A"), sku("B"));

        await service.PublishAndWaitAsync(paid);
        // A redelivery past the transport (as after a crash before the offset was committed) meets the inbox.
        var handler = service.Services.GetServices<EventSubscription>().Single(subscription => subscription.Group == OrderEvents.Group).Handler;
        var handledAgain = await Inbox.HandleAsync(
            service.Services.GetRequiredService<Database>(), OrderEvents.Group, handler, paid, TimeProvider.System, Cancellation);
        await service.RecordAsync(sku("A"), sku("C"));

        Assert.False(handledAgain);
        // Counted once: n(A) = 2, n(B) = n(C) = 1, so 1/sqrt(2) each (twice, A–B would be 2/sqrt(3·2) = 0.816497).
        Assert.Equal([(sku("B"), 0.707107), (sku("C"), 0.707107)], (await service.CreateClient().RecommendAsync(sku("A"))).Rounded);
    }

    [Fact]
    public async Task Event_types_it_does_not_handle_are_recorded_and_ignored()
    {
        var sku = service.NewProducts(Kitchen, "A", "B");
        var shipped = OrderEvents.Raw("bazaar.orders.order-shipped.v1", $$"""{"orderId":"{{Guid.CreateVersion7()}}","userId":"{{Guid.CreateVersion7()}}"}""");
        // Shaped like an order-paid: handled as one, it would pair A with B.
        var unknown = OrderEvents.Raw("bazaar.orders.order-teleported.v1",
            $$"""{"orderId":"{{Guid.CreateVersion7()}}","lines":[{"sku":"{{sku("A")}}","quantity":1},{"sku":"{{sku("B")}}","quantity":1}]}""");

        await service.PublishAndWaitAsync(shipped, unknown);

        Assert.NotEqual("item-to-item", (await service.CreateClient().RecommendAsync(sku("A"))).Strategy);
        var deadLetters = await service.DeadLetterIdsAsync();
        Assert.DoesNotContain(shipped.Id, deadLetters);
        Assert.DoesNotContain(unknown.Id, deadLetters);
    }

    [Theory]
    [InlineData("""{"orderId":"{order}","lines":"A and C"}""")]
    [InlineData("""{"orderId":"{order}","lines":[]}""")]
    [InlineData("""{"lines":[{"sku":"{a}"},{"sku":"{c}"}]}""")]
    [InlineData("""{"orderId":"{order}","lines":[{"sku":"{a}"},{"sku":""}]}""")]
    [InlineData("""{"orderId":"{order}","lines":[{"sku":"{a}"},{"quantity":1}]}""")]
    [InlineData("""{"orderId":"{order}","lines":[{"sku":"{a}"},{"sku":"SKU-0123456789012345678901234567890123456789012345678901234567890"}]}""")]
    [InlineData("""{"orderId":"not-a-guid","lines":[{"sku":"{a}"},{"sku":"{c}"}]}""")]
    [InlineData("[\"{a}\",\"{c}\"]")]
    public async Task A_malformed_order_paid_is_dead_lettered_and_the_next_event_is_still_handled(string data)
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        var malformed = OrderEvents.Raw(OrderEvents.OrderPaid,
            data.Replace("{order}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
                .Replace("{a}", sku("A"), StringComparison.Ordinal)
                .Replace("{c}", sku("C"), StringComparison.Ordinal));
        // The same subject as the malformed event: handled after it, in order, by the same consumer.
        var next = OrderEvents.Paid(sku("A"), sku("B")) with { Subject = malformed.Subject };

        await service.PublishAsync(malformed, next);

        await OrderEvents.EventuallyAsync(() => service.HandledAsync(next.Id), $"event {next.Id} was never handled");
        await service.RefreshModelAsync();
        Assert.Contains(malformed.Id, await service.DeadLetterIdsAsync());
        Assert.False(await service.HandledAsync(malformed.Id));
        Assert.Equal([(sku("B"), 1.0)], (await service.CreateClient().RecommendAsync(sku("A"))).Rounded);
    }

    [Fact]
    public async Task The_purchases_endpoint_is_gone()
    {
        var response = await service.CreateClient().PostAsync("/internal/recommendations/purchases",
            new StringContent("""{"orderId":"0197a4b0-0000-7000-8000-000000000001","skus":["SKU-1","SKU-2"]}""", System.Text.Encoding.UTF8, "application/json"),
            Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
