using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

public sealed class AdminOrderApiTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_drives_a_paid_order_to_delivery_and_the_owner_sees_the_timeline()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();

        var fulfilling = await admin.FulfilAsync(orderId);
        Assert.Equal(HttpStatusCode.OK, fulfilling.StatusCode);
        Assert.Equal("Fulfilling", (await fulfilling.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());

        var expected = new[] { ("PickedUp", "Shipped"), ("InTransit", "Shipped"), ("OutForDelivery", "Shipped"), ("Delivered", "Delivered") };
        foreach (var (shipmentEvent, orderStatus) in expected)
        {
            var response = await admin.ReportAsync(orderId, shipmentEvent, shipmentEvent == "InTransit" ? "Left the hub" : null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var tracking = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            Assert.Equal(orderStatus, tracking.GetProperty("orderStatus").GetString());
            Assert.Equal(shipmentEvent, tracking.GetProperty("shipment").GetProperty("status").GetString());
        }

        var order = await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct);
        Assert.Equal("Delivered", order.GetProperty("status").GetString());
        var events = order.GetProperty("shipment").GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["LabelCreated", "PickedUp", "InTransit", "OutForDelivery", "Delivered"], events.Select(e => e.GetProperty("status").GetString()));
        Assert.Equal("Left the hub", events[2].GetProperty("note").GetString());
        var owner = await service.TrackAsync(userId, orderId);
        Assert.Equal(5, owner.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task An_exception_is_recorded_without_moving_the_order()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);
        await admin.ReportAsync(orderId, "PickedUp");

        var response = await admin.ReportAsync(orderId, "Exception", "Address unreadable");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tracking = await service.TrackAsync(userId, orderId);
        Assert.Equal("Shipped", tracking.GetProperty("orderStatus").GetString());
        Assert.Equal(["LabelCreated", "PickedUp", "Exception"], tracking.Timeline());
        Assert.Equal(HttpStatusCode.OK, (await admin.ReportAsync(orderId, "Delivered")).StatusCode);
    }

    public static TheoryData<string[], string> IllegalEvents => new()
    {
        { [], "PickedUp" }, // still Paid: not being fulfilled yet
        { ["fulfil"], "Delivered" }, // delivered before it was picked up
        { ["fulfil"], "InTransit" },
        { ["fulfil"], "OutForDelivery" },
        { ["fulfil", "PickedUp"], "PickedUp" },
        { ["fulfil", "PickedUp", "Delivered"], "Delivered" },
        { ["fulfil", "PickedUp", "Delivered"], "InTransit" },
        { ["fulfil", "PickedUp", "Delivered"], "Exception" },
    };

    [Theory]
    [MemberData(nameof(IllegalEvents))]
    public async Task An_event_that_does_not_fit_is_a_409_and_changes_nothing(string[] before, string shipmentEvent)
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        foreach (var step in before)
        {
            var done = step == "fulfil" ? await admin.FulfilAsync(orderId) : await admin.ReportAsync(orderId, step);
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }
        var was = await service.TrackAsync(userId, orderId);

        var response = await admin.ReportAsync(orderId, shipmentEvent);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "invalid-order-transition");
        var now = await service.TrackAsync(userId, orderId);
        Assert.Equal(was.GetProperty("orderStatus").GetString(), now.GetProperty("orderStatus").GetString());
        Assert.Equal(was.Timeline(), now.Timeline());
        Assert.Equal(was.GetProperty("shipment").GetProperty("status").GetString(), now.GetProperty("shipment").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Orders_that_were_not_paid_cannot_be_fulfilled_or_shipped()
    {
        var userId = Guid.NewGuid();
        var failed = await service.PlaceAsync(userId, FakePayments.Declined);
        var sku = service.NewProduct(1m, onHand: 0);
        service.Carts.Put(userId, (sku, 1));
        var cancelled = Guid.Parse((await (await service.ClientFor(userId).CheckoutAsync(Checkouts.Body()))
            .AssertProblemAsync(HttpStatusCode.Conflict, "insufficient-stock")).GetProperty("orderId").GetString()!);
        var admin = service.Admin();

        foreach (var orderId in new[] { failed, cancelled })
        {
            await (await admin.FulfilAsync(orderId)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-order-transition");
            foreach (var shipmentEvent in new[] { "PickedUp", "Delivered", "Exception" })
            {
                await (await admin.ReportAsync(orderId, shipmentEvent)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-order-transition");
            }
        }
        Assert.Equal("PaymentFailed", (await service.TrackAsync(userId, failed)).GetProperty("orderStatus").GetString());
        var stillCancelled = await service.TrackAsync(userId, cancelled);
        Assert.Equal("Cancelled", stillCancelled.GetProperty("orderStatus").GetString());
        Assert.Equal(0, stillCancelled.GetProperty("eventCount").GetInt32());
    }

    [Fact]
    public async Task Fulfilment_starts_once()
    {
        var orderId = await service.PlaceAsync(Guid.NewGuid());
        var admin = service.Admin();

        Assert.Equal(HttpStatusCode.OK, (await admin.FulfilAsync(orderId)).StatusCode);
        await (await admin.FulfilAsync(orderId)).AssertProblemAsync(HttpStatusCode.Conflict, "invalid-order-transition");
    }

    [Fact]
    public async Task Unknown_orders_are_not_found()
    {
        var admin = service.Admin();
        await (await admin.FulfilAsync(Guid.NewGuid())).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.ReportAsync(Guid.NewGuid(), "PickedUp")).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await (await admin.GetAsync($"/api/admin/orders/{Guid.NewGuid()}", Ct)).AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("""{"status":"Teleported"}""")]
    [InlineData("""{"status":"pickedup"}""")]
    [InlineData("""{"status":"LabelCreated"}""")]
    [InlineData("""{"note":"no status"}""")]
    [InlineData("""{"status":""}""")]
    public async Task A_bad_event_is_a_400_and_changes_nothing(string body)
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);

        var response = await admin.PostAsync($"/api/admin/orders/{orderId}/shipment/events", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(["LabelCreated"], (await service.TrackAsync(userId, orderId)).Timeline());
    }

    [Fact]
    public async Task A_too_long_note_or_malformed_json_is_a_400()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);

        await (await admin.ReportAsync(orderId, "PickedUp", new string('x', 501))).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        var malformed = await admin.PostAsync($"/api/admin/orders/{orderId}/shipment/events", new StringContent("{\"status\":", Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        var tracking = await service.TrackAsync(userId, orderId);
        Assert.Equal("Fulfilling", tracking.GetProperty("orderStatus").GetString());
        Assert.Equal(["LabelCreated"], tracking.Timeline());
    }

    [Fact]
    public async Task Admins_list_every_users_orders_newest_first_filtered_and_paged()
    {
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        var annPaid = await service.PlaceAsync(ann);
        var bobFailed = await service.PlaceAsync(bob, FakePayments.Declined);
        var bobPaid = await service.PlaceAsync(bob);
        var admin = service.Admin();

        var all = await admin.GetFromJsonAsync<JsonElement>("/api/admin/orders?limit=100", Ct);
        var ids = all.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()).ToList();
        Assert.Equal([bobPaid, bobFailed, annPaid], ids.Where(new[] { annPaid, bobFailed, bobPaid }.Contains));
        var bobsFailed = all.GetProperty("items").EnumerateArray().Single(o => o.GetProperty("id").GetGuid() == bobFailed);
        Assert.Equal(bob, bobsFailed.GetProperty("userId").GetGuid());
        Assert.Equal("PaymentFailed", bobsFailed.GetProperty("status").GetString());
        Assert.Equal(4m, bobsFailed.GetProperty("total").GetProperty("amount").GetDecimal());

        var failed = await admin.GetFromJsonAsync<JsonElement>("/api/admin/orders?status=paymentfailed&limit=100", Ct);
        Assert.All(failed.GetProperty("items").EnumerateArray(), o => Assert.Equal("PaymentFailed", o.GetProperty("status").GetString()));
        Assert.Contains(bobFailed, failed.GetProperty("items").EnumerateArray().Select(o => o.GetProperty("id").GetGuid()));

        var page1 = await admin.GetFromJsonAsync<JsonElement>("/api/admin/orders?limit=1", Ct);
        var page2 = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders?limit=1&after={page1.GetProperty("next").GetString()}", Ct);
        Assert.Equal(ids[0], Assert.Single(page1.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(ids[1], Assert.Single(page2.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());

        var none = await admin.GetFromJsonAsync<JsonElement>("/api/admin/orders?status=Fulfilling&after=00000000-0000-0000-0000-000000000001", Ct);
        Assert.Empty(none.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("next").ValueKind);

        var one = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/orders/{annPaid}", Ct);
        Assert.Equal("Paid", one.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/admin/orders?limit=0")]
    [InlineData("/api/admin/orders?limit=101")]
    [InlineData("/api/admin/orders?after=not-a-cursor")]
    [InlineData("/api/admin/orders?status=Lost")]
    [InlineData("/api/admin/orders?status=3")]
    public async Task Bad_listing_parameters_are_a_400(string url)
    {
        var response = await service.Admin().GetAsync(url, Ct);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("GET", "/api/admin/orders")]
    [InlineData("GET", "/api/admin/orders/0197a4b0-0000-7000-8000-000000000000")]
    [InlineData("POST", "/api/admin/orders/0197a4b0-0000-7000-8000-000000000000/fulfilment")]
    [InlineData("POST", "/api/admin/orders/0197a4b0-0000-7000-8000-000000000000/shipment/events")]
    public async Task Admin_routes_need_an_admin(string method, string url)
    {
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method == "POST" ? JsonContent.Create(new { status = "PickedUp" }) : null,
        };

        using var anonymous = Request();
        await (await service.CreateClient().SendAsync(anonymous, Ct)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        using var customer = Request();
        await (await service.ClientFor(Guid.NewGuid()).SendAsync(customer, Ct)).AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_customer_cannot_fulfil_even_their_own_order()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        await (await service.ClientFor(userId).FulfilAsync(orderId)).AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("Paid", (await service.TrackAsync(userId, orderId)).GetProperty("orderStatus").GetString());
    }
}

/// <summary>Two admins (or an admin and the carrier) reporting the same step at once: one wins,
/// the other is refused, and the timeline holds the event once.</summary>
public sealed class ShipmentEventRaceTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    [Fact]
    public async Task Concurrent_deliveries_record_one_event()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);
        await admin.ReportAsync(orderId, "PickedUp");

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => service.Admin().ReportAsync(orderId, "Delivered")));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        var tracking = await service.TrackAsync(userId, orderId);
        Assert.Equal(["LabelCreated", "PickedUp", "Delivered"], tracking.Timeline());
        Assert.Equal("Delivered", tracking.GetProperty("orderStatus").GetString());
    }
}
