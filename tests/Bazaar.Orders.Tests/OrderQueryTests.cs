using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

public sealed class OrderQueryTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<Guid> PlaceOrderAsync(Guid userId, string card = FakePayments.Good)
    {
        service.Carts.Put(userId, (service.NewProduct(4m), 1));
        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(card));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.TryGetProperty("id", out var id) ? id.GetGuid() : Guid.Parse(body.GetProperty("orderId").GetString()!);
    }

    [Fact]
    public async Task The_caller_lists_their_orders_newest_first_page_by_page()
    {
        var userId = Guid.NewGuid();
        var first = await PlaceOrderAsync(userId);
        var second = await PlaceOrderAsync(userId, FakePayments.Declined);
        var third = await PlaceOrderAsync(userId);
        await PlaceOrderAsync(Guid.NewGuid()); // someone else's
        var client = service.ClientFor(userId);

        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/orders?limit=2", Ct);
        var page2 = await client.GetFromJsonAsync<JsonElement>($"/api/orders?limit=2&after={page1.GetProperty("next").GetString()}", Ct);

        Assert.Equal([third, second], page1.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal([first], page2.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));
        Assert.Equal(JsonValueKind.Null, page2.GetProperty("next").ValueKind);
        var summary = page1.GetProperty("items")[1];
        Assert.Equal("PaymentFailed", summary.GetProperty("status").GetString());
        Assert.Equal(1, summary.GetProperty("itemCount").GetInt32());
        Assert.Equal(4m, summary.GetProperty("total").GetProperty("amount").GetDecimal());
    }

    [Theory]
    [InlineData("/api/orders?limit=0")]
    [InlineData("/api/orders?limit=101")]
    [InlineData("/api/orders?after=not-a-cursor")]
    public async Task Bad_paging_is_a_400(string url)
    {
        var response = await service.ClientFor(Guid.NewGuid()).GetAsync(url, Ct);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task Tracking_shows_the_shipment_timeline()
    {
        var userId = Guid.NewGuid();
        var orderId = await PlaceOrderAsync(userId);

        var tracking = await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/tracking", Ct);

        Assert.Equal(orderId, tracking.GetProperty("orderId").GetGuid());
        Assert.Equal("Paid", tracking.GetProperty("orderStatus").GetString());
        var shipment = tracking.GetProperty("shipment");
        Assert.Equal("Bazaar Express", shipment.GetProperty("carrier").GetString());
        Assert.StartsWith("BZX", shipment.GetProperty("trackingNumber").GetString(), StringComparison.Ordinal);
        Assert.Equal("LabelCreated", shipment.GetProperty("status").GetString());
        Assert.Single(shipment.GetProperty("events").EnumerateArray());
    }

    [Fact]
    public async Task An_order_that_was_not_paid_has_nothing_to_track()
    {
        var userId = Guid.NewGuid();
        var orderId = await PlaceOrderAsync(userId, FakePayments.Declined);

        var tracking = await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/tracking", Ct);

        Assert.Equal("PaymentFailed", tracking.GetProperty("orderStatus").GetString());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("shipment").ValueKind);
    }

    [Fact]
    public async Task Another_users_order_is_not_found()
    {
        var orderId = await PlaceOrderAsync(Guid.NewGuid());
        var stranger = service.ClientFor(Guid.NewGuid());

        await (await stranger.GetAsync($"/api/orders/{orderId}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.GetAsync($"/api/orders/{orderId}/tracking", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await stranger.GetAsync($"/api/orders/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("/api/orders")]
    [InlineData("/api/orders/0197a4b0-0000-7000-8000-000000000000")]
    [InlineData("/api/orders/0197a4b0-0000-7000-8000-000000000000/tracking")]
    public async Task Reading_orders_needs_a_token(string url)
    {
        var response = await service.CreateClient().GetAsync(url, Ct);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
