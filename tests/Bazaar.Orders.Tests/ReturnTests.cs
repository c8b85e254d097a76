using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Orders.Saga;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>Returns after delivery: an admin records the goods that came back, and the order's
/// saga refunds them, puts them back on hand and announces it.</summary>
public sealed class ReturnTests(SagaFactory service) : IClassFixture<SagaFactory>
{
    private const string Returned = "bazaar.orders.order-returned.v1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partial_return_is_refunded_and_restocked_and_the_rest_refunds_the_order()
    {
        var order = await DeliveredAsync();

        var first = await ReturnAsync(order.Id, Lines((order.Mug, 1), (order.Tea, 2)));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var requested = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var firstId = requested.GetProperty("id").GetGuid();
        Assert.Equal(order.Id, requested.GetProperty("orderId").GetGuid());
        Assert.Equal("Requested", requested.GetProperty("status").GetString());
        Assert.Equal(10.00m, requested.GetProperty("amount").GetProperty("amount").GetDecimal()); // 1 x 5.00 + 2 x 2.50
        Assert.Equal("USD", requested.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal([(order.Mug, 1), (order.Tea, 2)], LinesOf(requested));

        await service.SettledAsync(order.Id);

        var partly = await OrderAsync(order);
        Assert.Equal("PartiallyRefunded", partly.GetProperty("status").GetString());
        var shown = Assert.Single(partly.GetProperty("returns").EnumerateArray());
        Assert.Equal(firstId, shown.GetProperty("id").GetGuid());
        Assert.Equal("Completed", shown.GetProperty("status").GetString());
        Assert.Equal(10.00m, shown.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal([(order.Mug, 1), (order.Tea, 2)], LinesOf(shown));
        Assert.True(shown.TryGetProperty("createdAt", out _));
        Assert.Equal(10.00m, Assert.Single(service.Payments.ReturnRefunds(order.Id), r => r.Key == firstId).Value.Amount);
        Assert.Single(service.Payments.RefundRequests, r => r.ReturnId == firstId);
        Assert.True(service.Inventory.WasReturned(firstId));
        Assert.Equal(3, service.Inventory.Available(order.Mug)); // 5 on hand, 3 sold, 1 back
        Assert.Equal(5, service.Inventory.Available(order.Tea));
        var announced = Assert.Single(await service.EventsAsync(order.Id), e => e.Type == Returned);
        Assert.Equal(order.Id, announced.Data.GetProperty("orderId").GetGuid());
        Assert.Equal(order.UserId, announced.Data.GetProperty("userId").GetGuid());
        Assert.Equal([(order.Mug, 1), (order.Tea, 2)], LinesOf(announced.Data));
        Assert.Equal(10.00m, announced.Data.GetProperty("refunded").GetProperty("amount").GetDecimal());

        var rest = await ReturnAsync(order.Id, Lines((order.Mug, 2)));

        Assert.Equal(HttpStatusCode.Accepted, rest.StatusCode);
        Assert.Equal(10.00m, (await rest.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("amount").GetProperty("amount").GetDecimal());
        await service.SettledAsync(order.Id);
        var refunded = await service.Admin().GetFromJsonAsync<JsonElement>($"/api/admin/orders/{order.Id}", Ct);
        Assert.Equal("Refunded", refunded.GetProperty("status").GetString());
        Assert.Equal(["Completed", "Completed"], refunded.GetProperty("returns").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal(service.Payments.Captured(order.Id)!.Value.Amount, service.Payments.ReturnRefunds(order.Id).Values.Sum(m => m.Amount));
        Assert.Equal(5, service.Inventory.Available(order.Mug));
        Assert.Equal(2, (await service.EventsAsync(order.Id)).Count(e => e.Type == Returned));

        await (await ReturnAsync(order.Id, Lines((order.Mug, 1)))).AssertProblemAsync(HttpStatusCode.Conflict, "order-not-returnable");
    }

    [Fact]
    public async Task Returning_more_than_was_ordered_is_a_422_naming_the_skus_and_changes_nothing()
    {
        var order = await DeliveredAsync();

        var tooMany = await ReturnAsync(order.Id, Lines((order.Mug, 4), (order.Tea, 1)));
        var notOrdered = await ReturnAsync(order.Id, Lines(("SKU-NEVER-SOLD", 1)));

        var problem = await tooMany.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return-exceeds-order");
        Assert.Equal([order.Mug], problem.GetProperty("skus").EnumerateArray().Select(s => s.GetString()));
        Assert.Contains(order.Mug, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await notOrdered.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return-exceeds-order");
        Assert.Equal(["SKU-NEVER-SOLD"], unknown.GetProperty("skus").EnumerateArray().Select(s => s.GetString()));
        await AssertUntouchedAsync(order);

        // What was returned already counts: of three mugs, one came back, so three more cannot.
        Assert.Equal(HttpStatusCode.Accepted, (await ReturnAsync(order.Id, Lines((order.Mug, 1)))).StatusCode);
        await service.SettledAsync(order.Id);
        await (await ReturnAsync(order.Id, Lines((order.Mug, 3)))).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "return-exceeds-order");
        Assert.Single((await OrderAsync(order)).GetProperty("returns").EnumerateArray());
    }

    [Fact]
    public async Task Goods_of_an_order_that_was_not_delivered_cannot_come_back()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();

        var paid = await ReturnAsync(orderId, Lines(("any", 1)));
        await admin.FulfilAsync(orderId);
        await admin.ReportAsync(orderId, "PickedUp");
        var shipped = await ReturnAsync(orderId, Lines(("any", 1)));

        await paid.AssertProblemAsync(HttpStatusCode.Conflict, "order-not-returnable");
        await shipped.AssertProblemAsync(HttpStatusCode.Conflict, "order-not-returnable");
        Assert.Empty(service.Payments.ReturnRefunds(orderId));
        Assert.Empty((await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct)).GetProperty("returns").EnumerateArray());
    }

    [Fact]
    public async Task The_same_key_twice_records_one_return_and_one_refund()
    {
        var order = await DeliveredAsync();

        var first = await ReturnAsync(order.Id, Lines((order.Mug, 1), (order.Tea, 1)), "return-key");
        var again = await ReturnAsync(order.Id, Lines((order.Tea, 1), (order.Mug, 1)), "return-key"); // the same lines, listed otherwise
        await service.SettledAsync(order.Id);
        var later = await ReturnAsync(order.Id, Lines((order.Mug, 1), (order.Tea, 1)), "return-key");
        var otherBody = await ReturnAsync(order.Id, Lines((order.Mug, 2)), "return-key");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, later.StatusCode);
        var returnId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(returnId, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid());
        var replayed = await later.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(returnId, replayed.GetProperty("id").GetGuid());
        Assert.Equal("Completed", replayed.GetProperty("status").GetString());
        await otherBody.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        Assert.Single(service.Payments.ReturnRefunds(order.Id));
        Assert.Single(service.Payments.RefundRequests, r => r.ReturnId == returnId);
        Assert.Single(await service.EventsAsync(order.Id), e => e.Type == Returned);
        var shown = await OrderAsync(order);
        Assert.Single(shown.GetProperty("returns").EnumerateArray());
        Assert.Equal("PartiallyRefunded", shown.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_refund_waits_for_an_unreachable_payment_service_and_a_second_return_waits_its_turn()
    {
        var order = await DeliveredAsync();
        var sagas = service.Services.GetRequiredService<SagaRepository>();
        Guid returnId;
        service.Payments.Unreachable = true;
        try
        {
            var first = await ReturnAsync(order.Id, Lines((order.Tea, 1)));
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            returnId = (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
            await WaitUntilAsync(async () => (await sagas.FindAsync(order.Id, Ct))!.Attempts >= 2);

            var second = await ReturnAsync(order.Id, Lines((order.Mug, 1)));

            await second.AssertProblemAsync(HttpStatusCode.Conflict, "return-in-progress");
            var waiting = await sagas.FindAsync(order.Id, Ct);
            Assert.Equal(SagaStep.RefundReturn, waiting!.Step);
            Assert.Contains("payment-service", waiting.LastError, StringComparison.Ordinal);
            var shown = await OrderAsync(order);
            Assert.Equal("Delivered", shown.GetProperty("status").GetString());
            Assert.Equal("Requested", Assert.Single(shown.GetProperty("returns").EnumerateArray()).GetProperty("status").GetString());
            Assert.False(service.Inventory.WasReturned(returnId)); // no restock before the refund
        }
        finally
        {
            service.Payments.Unreachable = false;
        }

        await service.SettledAsync(order.Id);

        Assert.Equal("PartiallyRefunded", (await OrderAsync(order)).GetProperty("status").GetString());
        Assert.Equal(2.50m, service.Payments.ReturnRefunds(order.Id)[returnId].Amount);
        Assert.True(service.Inventory.WasReturned(returnId));
        Assert.Equal(HttpStatusCode.Accepted, (await ReturnAsync(order.Id, Lines((order.Mug, 1)))).StatusCode); // its turn now
        await service.SettledAsync(order.Id);
    }

    [Fact]
    public async Task A_refused_refund_is_never_skipped_but_retried_with_the_refusal_on_record()
    {
        var order = await DeliveredAsync();
        var sagas = service.Services.GetRequiredService<SagaRepository>();
        service.Payments.RefuseRefunds = true;
        try
        {
            Assert.Equal(HttpStatusCode.Accepted, (await ReturnAsync(order.Id, Lines((order.Mug, 1)))).StatusCode);
            await WaitUntilAsync(async () => (await sagas.FindAsync(order.Id, Ct))!.Attempts >= 2);

            var stuck = await sagas.FindAsync(order.Id, Ct);
            Assert.Equal(SagaStep.RefundReturn, stuck!.Step);
            Assert.Contains("refund-exceeds-capture", stuck.LastError, StringComparison.Ordinal);
            Assert.Equal("Delivered", (await OrderAsync(order)).GetProperty("status").GetString());
            Assert.DoesNotContain(await service.EventsAsync(order.Id), e => e.Type == Returned);
        }
        finally
        {
            service.Payments.RefuseRefunds = false;
        }

        await service.SettledAsync(order.Id);
        Assert.Equal("PartiallyRefunded", (await OrderAsync(order)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Only_admins_record_returns_of_orders_that_exist()
    {
        var order = await DeliveredAsync();

        var customer = await ReturnAsync(order.Id, Lines((order.Mug, 1)), client: service.ClientFor(order.UserId));
        var anonymous = await ReturnAsync(order.Id, Lines((order.Mug, 1)), client: service.CreateClient());
        var unknown = await ReturnAsync(Guid.NewGuid(), Lines((order.Mug, 1)));

        await customer.AssertProblemAsync(HttpStatusCode.Forbidden);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await AssertUntouchedAsync(order);
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"lines":[{"sku":"MUG","quantity":0}]}""", "validation" },
        { """{"lines":[{"sku":"MUG","quantity":1000}]}""", "validation" },
        { """{"lines":[{"sku":"MUG","quantity":-1}]}""", "validation" },
        { """{"lines":[{"quantity":1}]}""", "validation" },
        { """{"lines":[{"sku":"","quantity":1}]}""", "validation" },
        { """{"lines":[]}""", "validation" },
        { """{}""", "validation" },
        { """{"lines":[{"sku":"MUG","quantity":1},{"sku":"MUG","quantity":1}]}""", "validation" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_input_is_a_400_and_changes_nothing(string body, string slug)
    {
        var order = await DeliveredAsync();

        var response = await ReturnAsync(order.Id, new StringContent(body.Replace("MUG", order.Mug, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, slug);
        await AssertUntouchedAsync(order);
    }

    [Fact]
    public async Task A_return_without_a_key_or_with_malformed_json_is_a_400_and_changes_nothing()
    {
        var order = await DeliveredAsync();

        var noKey = await ReturnAsync(order.Id, Lines((order.Mug, 1)), key: null);
        var malformed = await ReturnAsync(order.Id, new StringContent("""{"lines":[{"sku":""", Encoding.UTF8, "application/json"));

        await noKey.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-required");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await AssertUntouchedAsync(order);
    }

    private sealed record DeliveredOrder(Guid Id, Guid UserId, string Mug, string Tea);

    /// <summary>A delivered order of 3 mugs at 5.00 and 2 teas at 2.50 (20.00), each product with 5 on hand before.</summary>
    private async Task<DeliveredOrder> DeliveredAsync()
    {
        var userId = Guid.NewGuid();
        var (mug, tea) = (service.NewProduct(5m, onHand: 5), service.NewProduct(2.5m, onHand: 5));
        service.Carts.Put(userId, (mug, 3), (tea, 2));
        var placed = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body());
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        var orderId = (await placed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        var admin = service.Admin();
        Assert.Equal(HttpStatusCode.OK, (await admin.FulfilAsync(orderId)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.ReportAsync(orderId, "PickedUp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.ReportAsync(orderId, "Delivered")).StatusCode);
        await service.SettledAsync(orderId);
        return new DeliveredOrder(orderId, userId, mug, tea);
    }

    private static JsonContent Lines(params (string Sku, int Quantity)[] lines) =>
        JsonContent.Create(new { lines = lines.Select(line => new { sku = line.Sku, quantity = line.Quantity }) });

    private async Task<HttpResponseMessage> ReturnAsync(Guid orderId, HttpContent body, string? key = "", HttpClient? client = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/orders/{orderId}/returns") { Content = body };
        if (key is not null) request.Headers.Add("Idempotency-Key", key.Length > 0 ? key : "return-" + Guid.NewGuid().ToString("N"));
        return await (client ?? service.Admin()).SendAsync(request, Ct);
    }

    private async Task<JsonElement> OrderAsync(DeliveredOrder order) =>
        await service.ClientFor(order.UserId).GetFromJsonAsync<JsonElement>($"/api/orders/{order.Id}", Ct);

    private static List<(string?, int)> LinesOf(JsonElement element) =>
        element.GetProperty("lines").EnumerateArray().Select(line => (line.GetProperty("sku").GetString(), line.GetProperty("quantity").GetInt32())).ToList();

    /// <summary>No return, no refund, no restock, no event: the order is as it was delivered.</summary>
    private async Task AssertUntouchedAsync(DeliveredOrder order)
    {
        var shown = await OrderAsync(order);
        Assert.Equal("Delivered", shown.GetProperty("status").GetString());
        Assert.Empty(shown.GetProperty("returns").EnumerateArray());
        Assert.Empty(service.Payments.ReturnRefunds(order.Id));
        Assert.Equal(SagaStep.Done, (await service.Services.GetRequiredService<SagaRepository>().FindAsync(order.Id, Ct))!.Step);
        Assert.Equal(2, service.Inventory.Available(order.Mug));
        Assert.Equal(3, service.Inventory.Available(order.Tea));
        Assert.DoesNotContain(await service.EventsAsync(order.Id), e => e.Type == Returned);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(20, Ct);
        }
    }
}
