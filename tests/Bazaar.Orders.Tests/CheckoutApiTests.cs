using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

public sealed class CheckoutApiTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_checkout_reserves_pays_commits_ships_and_announces_the_paid_order()
    {
        var userId = Guid.NewGuid();
        var mug = service.NewProduct(12.50m, onHand: 5);
        var tea = service.NewProduct(3.99m, onHand: 5);
        service.Carts.Put(userId, (mug, 2), (tea, 3));
        var client = service.ClientFor(userId);

        var response = await client.CheckoutAsync(Checkouts.Body());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var order = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var orderId = order.GetProperty("id").GetGuid();
        Assert.Equal($"/api/orders/{orderId}", response.Headers.Location?.OriginalString);
        Assert.Equal("Paid", order.GetProperty("status").GetString());
        Assert.Equal(36.97m, order.GetProperty("total").GetProperty("amount").GetDecimal()); // 2 x 12.50 + 3 x 3.99
        Assert.Equal("USD", order.GetProperty("total").GetProperty("currency").GetString());
        var lines = order.GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal([mug, tea], lines.Select(l => l.GetProperty("sku").GetString()));
        Assert.Equal(25.00m, lines[0].GetProperty("lineTotal").GetProperty("amount").GetDecimal());
        Assert.Equal("GB", order.GetProperty("shippingAddress").GetProperty("country").GetString());
        var shipment = order.GetProperty("shipment");
        Assert.Equal("Bazaar Express", shipment.GetProperty("carrier").GetString());
        Assert.False(string.IsNullOrEmpty(shipment.GetProperty("trackingNumber").GetString()));
        Assert.Equal(["LabelCreated"], shipment.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()));

        Assert.Equal("Committed", service.Inventory.StateOf(orderId));
        Assert.Equal(3, service.Inventory.Available(mug));
        var payment = Assert.Single(service.Payments.Requests, p => p.OrderId == orderId);
        Assert.Equal(userId, payment.UserId);
        Assert.Equal(36.97m, payment.Amount.Amount);
        // The cart-service and the recommendations hear of it through the outbox, not by a call that could be lost.
        var paid = Assert.Single(await service.EventsAsync(orderId), e => e.Type == "bazaar.orders.order-paid.v1");
        Assert.Equal([mug, tea], paid.Data.GetProperty("lines").EnumerateArray().Select(l => l.GetProperty("sku").GetString()));
        Assert.Equal(userId, paid.Data.GetProperty("userId").GetGuid());
    }

    [Fact]
    public async Task An_empty_cart_cannot_be_checked_out()
    {
        var userId = Guid.NewGuid();
        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "empty-cart");
        Assert.Equal(1, service.Carts.Reads[userId]); // the cart was read with the caller's own token
        await AssertNoOrdersAsync(userId);
    }

    [Fact]
    public async Task Out_of_stock_cancels_the_order_and_charges_nothing()
    {
        var userId = Guid.NewGuid();
        var plenty = service.NewProduct(5m, onHand: 10);
        var scarce = service.NewProduct(5m, onHand: 1);
        service.Carts.Put(userId, (plenty, 1), (scarce, 2));

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body());

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        Assert.Contains(scarce, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var orderId = Guid.Parse(problem.GetProperty("orderId").GetString()!);
        Assert.Equal(0, service.Payments.RequestsFor(orderId));
        Assert.Equal(10, service.Inventory.Available(plenty));
        Assert.Equal("Cancelled", (await GetOrderAsync(userId, orderId)).GetProperty("status").GetString());
        Assert.DoesNotContain(await service.EventsAsync(orderId), e => e.Type == "bazaar.orders.order-paid.v1");
    }

    [Fact]
    public async Task A_declined_card_releases_the_stock_and_fails_the_order()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(20m, onHand: 3);
        service.Carts.Put(userId, (sku, 3));

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(FakePayments.Declined));

        var problem = await response.AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment-declined");
        Assert.Equal("card_declined", problem.GetProperty("declineCode").GetString());
        var orderId = Guid.Parse(problem.GetProperty("orderId").GetString()!);
        Assert.Equal("Released", service.Inventory.StateOf(orderId));
        Assert.Equal(3, service.Inventory.Available(sku));
        var order = await GetOrderAsync(userId, orderId);
        Assert.Equal("PaymentFailed", order.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, order.GetProperty("shipment").ValueKind);
        Assert.DoesNotContain(await service.EventsAsync(orderId), e => e.Type == "bazaar.orders.order-paid.v1");
    }

    [Fact]
    public async Task A_payment_without_a_definite_answer_keeps_the_order_and_its_stock()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(20m, onHand: 2);
        service.Carts.Put(userId, (sku, 2));

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(FakePayments.Unanswered));

        // The card may have been charged: nothing is released or cancelled on a guess.
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        Assert.NotNull(response.Headers.RetryAfter);
        var orderId = Guid.Parse(problem.GetProperty("orderId").GetString()!);
        Assert.Equal("Reserved", service.Inventory.StateOf(orderId));
        Assert.Equal(0, service.Inventory.Available(sku));
        Assert.Equal("StockReserved", (await GetOrderAsync(userId, orderId)).GetProperty("status").GetString());
        Assert.DoesNotContain(await service.EventsAsync(orderId), e => e.Type == "bazaar.orders.order-paid.v1");
    }

    [Fact]
    public async Task The_same_key_finishes_an_order_whose_payment_was_pending()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(20m, onHand: 3);
        service.Carts.Put(userId, (sku, 2));
        var client = service.ClientFor(userId);

        service.Payments.Unreachable = true;
        HttpResponseMessage pending;
        try
        {
            pending = await client.CheckoutAsync(Checkouts.Body(), "pending-key");
        }
        finally
        {
            service.Payments.Unreachable = false;
        }
        var orderId = Guid.Parse((await pending.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending")).GetProperty("orderId").GetString()!);

        var resumed = await client.CheckoutAsync(Checkouts.Body(), "pending-key");

        Assert.True(resumed.IsSuccessStatusCode, await resumed.Content.ReadAsStringAsync(Ct));
        var order = await resumed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(orderId, order.GetProperty("id").GetGuid());
        Assert.Equal("Paid", order.GetProperty("status").GetString());
        Assert.Equal("Committed", service.Inventory.StateOf(orderId));
        Assert.Equal(1, service.Inventory.Available(sku));
        Assert.Equal(2, service.Payments.RequestsFor(orderId)); // both under the order's one Idempotency-Key
        Assert.Single(await service.EventsAsync(orderId), e => e.Type == "bazaar.orders.order-paid.v1");
    }

    [Fact]
    public async Task Retrying_a_declined_checkout_answers_with_the_decline_again()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(5m);
        service.Carts.Put(userId, (sku, 1));
        var client = service.ClientFor(userId);

        var first = await client.CheckoutAsync(Checkouts.Body(FakePayments.Declined), "declined-key");
        var again = await client.CheckoutAsync(Checkouts.Body(FakePayments.Declined), "declined-key");

        var firstId = (await first.AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment-declined")).GetProperty("orderId").GetString();
        var againId = (await again.AssertProblemAsync(HttpStatusCode.PaymentRequired, "payment-declined")).GetProperty("orderId").GetString();
        Assert.Equal(firstId, againId);
        Assert.Equal(1, service.Payments.RequestsFor(Guid.Parse(firstId!)));
    }

    [Fact]
    public async Task Retrying_a_checkout_cancelled_for_stock_says_it_was_cancelled()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(5m, onHand: 1);
        service.Carts.Put(userId, (sku, 3));
        var client = service.ClientFor(userId);

        var first = await client.CheckoutAsync(Checkouts.Body(), "short-key");
        var again = await client.CheckoutAsync(Checkouts.Body(), "short-key");

        await first.AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock");
        await again.AssertProblemAsync(HttpStatusCode.Conflict, "order-cancelled");
    }

    [Fact]
    public async Task An_unreachable_cart_service_answers_503_and_places_nothing()
    {
        var userId = Guid.NewGuid();
        service.Carts.Unreachable.Add(userId);

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body());

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "checkout-unavailable");
        Assert.NotNull(response.Headers.RetryAfter);
        await AssertNoOrdersAsync(userId);
    }

    [Fact]
    public async Task The_same_idempotency_key_returns_the_same_order_and_pays_once()
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(9.99m);
        service.Carts.Put(userId, (sku, 1));
        var client = service.ClientFor(userId);

        var first = await client.CheckoutAsync(Checkouts.Body(), "same-key");
        service.Carts.Put(userId, (sku, 1)); // even with a full cart again, the key places no second order
        var second = await client.CheckoutAsync(Checkouts.Body(), "same-key");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(firstId, secondId);
        Assert.Equal(1, service.Payments.RequestsFor(firstId));
        Assert.Single((await ListOrdersAsync(userId)).GetProperty("items").EnumerateArray());

        var reused = await client.CheckoutAsync(Checkouts.Body(name: "Someone Else"), "same-key");
        await reused.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
    }

    [Fact]
    public async Task Two_users_may_use_the_same_key()
    {
        var sku = service.NewProduct(1m);
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        service.Carts.Put(ann, (sku, 1));
        service.Carts.Put(bob, (sku, 1));

        var annOrder = await service.ClientFor(ann).CheckoutAsync(Checkouts.Body(), "shared-key");
        var bobOrder = await service.ClientFor(bob).CheckoutAsync(Checkouts.Body(), "shared-key");

        Assert.Equal(HttpStatusCode.Created, annOrder.StatusCode);
        Assert.Equal(HttpStatusCode.Created, bobOrder.StatusCode);
    }

    [Fact]
    public async Task A_product_no_longer_sold_cannot_be_checked_out()
    {
        var userId = Guid.NewGuid();
        var retired = service.NewProduct(5m, active: false);
        service.Carts.Put(userId, (retired, 1), ("SKU-NEVER-EXISTED", 1));

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body());

        var problem = await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "products-unavailable");
        Assert.Contains(retired, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("SKU-NEVER-EXISTED", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await AssertNoOrdersAsync(userId);
    }

    [Theory]
    [InlineData("4242424242424241", "GB", "Ann", 12, 2, "Card.Number")] // fails the Luhn check
    [InlineData("4242 4242 4242 4242", "GB", "Ann", 12, 2, "Card.Number")]
    [InlineData("4242424242424242", "GB", "Ann", 13, 2, "Card.ExpiryMonth")]
    [InlineData("4242424242424242", "GB", "Ann", 1, -1, "Card.ExpiryYear")] // expired last year
    [InlineData("4242424242424242", "GBR", "Ann", 12, 2, "ShippingAddress.Country")]
    [InlineData("4242424242424242", "G1", "Ann", 12, 2, "ShippingAddress.Country")]
    [InlineData("4242424242424242", "GB", "  ", 12, 2, "ShippingAddress.Name")]
    public async Task Invalid_card_or_address_is_a_400_and_touches_nothing(string number, string country, string name, int month, int yearsAhead, string field)
    {
        var userId = Guid.NewGuid();
        service.Carts.Put(userId, (service.NewProduct(5m), 1));

        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(number, country, name, month, DateTime.UtcNow.Year + yearsAhead));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        Assert.False(service.Carts.Reads.ContainsKey(userId));
        await AssertNoOrdersAsync(userId);
    }

    [Theory]
    [InlineData("""{"shippingAddress":{"name":"Ann","line1":"1 High St","city":"London","postalCode":"N1","country":"GB"}}""")]
    [InlineData("""{"card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"123"}}""")]
    [InlineData("""{"card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"12345"},"shippingAddress":{"name":"Ann","line1":"1 High St","city":"London","postalCode":"N1","country":"GB"}}""")]
    [InlineData("""{"card":{"number":"4242424242424242","expiryMonth":12,"expiryYear":2099,"cvc":"123"},"shippingAddress":{"name":"Ann","city":"London","postalCode":"N1","country":"GB"}}""")]
    public async Task Missing_parts_are_a_400(string body)
    {
        var userId = Guid.NewGuid();
        var response = await service.ClientFor(userId).CheckoutAsync(JsonDocument.Parse(body).RootElement);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await AssertNoOrdersAsync(userId);
    }

    [Fact]
    public async Task A_checkout_needs_an_idempotency_key_and_a_token()
    {
        var userId = Guid.NewGuid();
        service.Carts.Put(userId, (service.NewProduct(5m), 1));

        var noKey = await service.ClientFor(userId).PostAsJsonAsync("/api/orders", Checkouts.Body(), Ct);
        await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-required");

        var anonymous = await service.CreateClient().CheckoutAsync(Checkouts.Body());
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        await AssertNoOrdersAsync(userId);
    }

    private async Task<JsonElement> GetOrderAsync(Guid userId, Guid orderId) =>
        await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct);

    private async Task<JsonElement> ListOrdersAsync(Guid userId) =>
        await service.ClientFor(userId).GetFromJsonAsync<JsonElement>("/api/orders", Ct);

    private async Task AssertNoOrdersAsync(Guid userId) =>
        Assert.Empty((await ListOrdersAsync(userId)).GetProperty("items").EnumerateArray());
}
