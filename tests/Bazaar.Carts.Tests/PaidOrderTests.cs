using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Inbox;
using Bazaar.Platform.Data;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>cart-service consumes <c>bazaar.orders.order-paid.v1</c>: what an order bought leaves
/// the buyer's cart, once, and nothing else changes.</summary>
public sealed class PaidOrderTests(PaidOrderCartFactory service) : IClassFixture<PaidOrderCartFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(Guid UserId, HttpClient Client)> ShopperWithAsync(params (string Sku, int Quantity)[] lines)
    {
        var userId = Guid.CreateVersion7();
        var client = service.ClientFor(userId);
        foreach (var (sku, quantity) in lines)
        {
            await client.PutOkAsync(sku, quantity);
        }
        return (userId, client);
    }

    [Fact]
    public async Task A_paid_order_takes_what_it_bought_out_of_the_cart_and_leaves_the_rest()
    {
        var (mug, pen, cup, plate, book) = (service.Catalog.Add().Sku, service.Catalog.Add().Sku, service.Catalog.Add().Sku,
            service.Catalog.Add().Sku, service.Catalog.Add().Sku);
        var (userId, client) = await ShopperWithAsync((mug, 3), (pen, 1), (cup, 2), (plate, 1));

        // mug: fewer bought than in the cart; pen: exactly; plate: more; book: not in the cart; cup: not ordered.
        await service.PublishAndWaitAsync(OrderEvents.Paid(userId, (mug, 2), (pen, 1), (plate, 4), (book, 1)));

        Assert.Equal(new Dictionary<string, int> { [mug] = 1, [cup] = 2 }, (await client.CartAsync()).Quantities());
    }

    [Fact]
    public async Task A_line_set_again_after_the_order_was_paid_stays()
    {
        var (mug, pen) = (service.Catalog.Add().Sku, service.Catalog.Add().Sku);
        var paidAt = DateTimeOffset.UtcNow;
        // The event arrives late: the shopper has meanwhile put the mug in the cart again for a new order.
        var (userId, client) = await ShopperWithAsync((mug, 1), (pen, 1));
        var late = OrderEvents.PaidAt(userId, paidAt.AddMinutes(-1), (mug, 1), (pen, 1));

        await service.PublishAndWaitAsync(late);

        Assert.Equal(new Dictionary<string, int> { [mug] = 1, [pen] = 1 }, (await client.CartAsync()).Quantities());

        // The same order paid after the lines were set takes them out.
        await service.PublishAndWaitAsync(OrderEvents.PaidAt(userId, DateTimeOffset.UtcNow.AddMinutes(1), (mug, 1)));
        Assert.Equal(new Dictionary<string, int> { [pen] = 1 }, (await client.CartAsync()).Quantities());
    }

    [Fact]
    public async Task The_same_sku_on_two_lines_of_an_order_is_taken_out_with_both_quantities()
    {
        var mug = service.Catalog.Add().Sku;
        var (userId, client) = await ShopperWithAsync((mug, 5));

        await service.PublishAndWaitAsync(OrderEvents.Paid(userId, (mug, 1), (mug, 2)));

        Assert.Equal(new Dictionary<string, int> { [mug] = 2 }, (await client.CartAsync()).Quantities());
    }

    [Fact]
    public async Task The_same_event_twice_changes_nothing_more()
    {
        var mug = service.Catalog.Add().Sku;
        var (userId, client) = await ShopperWithAsync((mug, 5));
        var paid = OrderEvents.Paid(userId, (mug, 2));

        await service.PublishAndWaitAsync(paid);
        await service.PublishAndWaitAsync(paid);
        // A redelivery past the transport (as after a crash before the offset was committed) meets the inbox.
        var handler = service.Services.GetServices<EventSubscription>().Single(subscription => subscription.Group == OrderEvents.Group).Handler;
        var handledAgain = await Inbox.HandleAsync(
            service.Services.GetRequiredService<Database>(), OrderEvents.Group, handler, paid, TimeProvider.System, Cancellation);

        Assert.False(handledAgain);
        Assert.Equal(new Dictionary<string, int> { [mug] = 3 }, (await client.CartAsync()).Quantities());
    }

    [Fact]
    public async Task Another_users_order_leaves_this_cart_alone()
    {
        var mug = service.Catalog.Add().Sku;
        var (_, annsClient) = await ShopperWithAsync((mug, 2));
        var (bob, bobsClient) = await ShopperWithAsync((mug, 2));

        await service.PublishAndWaitAsync(OrderEvents.Paid(bob, (mug, 2)));

        Assert.Empty((await bobsClient.CartAsync()).Quantities());
        Assert.Equal(new Dictionary<string, int> { [mug] = 2 }, (await annsClient.CartAsync()).Quantities());
    }

    [Fact]
    public async Task An_anonymous_cart_is_never_taken_for_a_buyers_cart()
    {
        var mug = service.Catalog.Add().Sku;
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        await anonymous.PutOkAsync(mug, 2);

        await service.PublishAndWaitAsync(OrderEvents.Paid(cartId, (mug, 2)));

        Assert.Equal(new Dictionary<string, int> { [mug] = 2 }, (await anonymous.CartAsync()).Quantities());
    }

    [Fact]
    public async Task Event_types_the_cart_does_not_handle_are_recorded_and_ignored()
    {
        var mug = service.Catalog.Add().Sku;
        var (userId, client) = await ShopperWithAsync((mug, 2));
        // Shaped like an order-paid for this cart: handled as one, it would empty the cart.
        var lines = $$"""[{"sku":"{{mug}}","quantity":2}]""";
        var shipped = OrderEvents.Raw("bazaar.orders.order-shipped.v1", $$"""{"orderId":"{{Guid.CreateVersion7()}}","userId":"{{userId}}"}""");
        var unknown = OrderEvents.Raw("bazaar.orders.order-teleported.v1",
            $$"""{"orderId":"{{Guid.CreateVersion7()}}","userId":"{{userId}}","lines":{{lines}}}""");

        await service.PublishAndWaitAsync(shipped, unknown);

        Assert.Equal(new Dictionary<string, int> { [mug] = 2 }, (await client.CartAsync()).Quantities());
        var deadLetters = await service.DeadLetterIdsAsync();
        Assert.DoesNotContain(shipped.Id, deadLetters);
        Assert.DoesNotContain(unknown.Id, deadLetters);
    }

    [Theory]
    [InlineData("""{"orderId":"{order}","userId":"{user}","lines":"two mugs"}""")]
    [InlineData("""{"orderId":"{order}","lines":[{"sku":"{sku}","quantity":1}]}""")]
    [InlineData("""{"orderId":"{order}","userId":"{user}","lines":[]}""")]
    [InlineData("""{"orderId":"{order}","userId":"{user}","lines":[{"sku":"{sku}","quantity":0}]}""")]
    [InlineData("""{"orderId":"{order}","userId":"{user}","lines":[{"quantity":1}]}""")]
    [InlineData("""{"orderId":"{order}","userId":"not-a-guid","lines":[{"sku":"{sku}","quantity":1}]}""")]
    [InlineData("\"an order\"")]
    public async Task A_malformed_order_paid_is_dead_lettered_and_the_next_event_is_still_handled(string data)
    {
        var mug = service.Catalog.Add().Sku;
        var (userId, client) = await ShopperWithAsync((mug, 3));
        var malformed = OrderEvents.Raw(OrderEvents.OrderPaid,
            data.Replace("{order}", Guid.CreateVersion7().ToString(), StringComparison.Ordinal)
                .Replace("{user}", userId.ToString(), StringComparison.Ordinal)
                .Replace("{sku}", mug, StringComparison.Ordinal));
        // The same subject as the malformed event: handled after it, in order, by the same consumer.
        var next = OrderEvents.Paid(userId, (mug, 1)) with { Subject = malformed.Subject };

        await service.PublishAsync(malformed, next);

        await OrderEvents.EventuallyAsync(() => service.HandledAsync(next.Id), $"event {next.Id} was never handled");
        Assert.Contains(malformed.Id, await service.DeadLetterIdsAsync());
        Assert.False(await service.HandledAsync(malformed.Id));
        Assert.Equal(new Dictionary<string, int> { [mug] = 2 }, (await client.CartAsync()).Quantities());
    }
}
