using System.Net;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>Following an order without polling hard. No test measures time: the waits are either
/// one second (the shortest) or ended by a write.</summary>
public sealed class TrackingLongPollTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_client_behind_the_timeline_is_answered_at_once()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        // wait=30 and one event it has not seen: were it to wait, the test would take 30 seconds, but
        // either way it must see the label.
        var tracking = await service.TrackAsync(userId, orderId, "?after=0&wait=30");

        Assert.Equal(1, tracking.GetProperty("eventCount").GetInt32());
        Assert.Equal(["LabelCreated"], tracking.Timeline());
    }

    [Fact]
    public async Task A_waiting_client_is_answered_when_an_event_is_written()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        var fulfilment = await admin.FulfilAsync(orderId);
        Assert.True(fulfilment.IsSuccessStatusCode, $"fulfilment answered {(int)fulfilment.StatusCode}: {await fulfilment.Content.ReadAsStringAsync(Ct)}");

        var waiting = service.TrackAsync(userId, orderId, "?after=1&wait=30");
        var report = await admin.ReportAsync(orderId, "PickedUp");
        Assert.True(report.StatusCode == HttpStatusCode.OK, $"the carrier event answered {(int)report.StatusCode}: {await report.Content.ReadAsStringAsync(Ct)}");
        var tracking = await waiting;

        Assert.Equal(2, tracking.GetProperty("eventCount").GetInt32());
        Assert.Equal(["LabelCreated", "PickedUp"], tracking.Timeline());
        Assert.Equal("Shipped", tracking.GetProperty("orderStatus").GetString());
    }

    [Fact]
    public async Task A_client_up_to_date_gets_the_unchanged_timeline_when_the_wait_runs_out()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        var tracking = await service.TrackAsync(userId, orderId, "?after=1&wait=1");

        Assert.Equal(1, tracking.GetProperty("eventCount").GetInt32());
        Assert.Equal("Paid", tracking.GetProperty("orderStatus").GetString());
    }

    [Fact]
    public async Task An_order_without_a_shipment_has_no_events()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId, Fakes.FakePayments.Declined);

        var tracking = await service.TrackAsync(userId, orderId, "?after=0&wait=1");

        Assert.Equal(0, tracking.GetProperty("eventCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, tracking.GetProperty("shipment").ValueKind);
    }

    [Theory]
    [InlineData("?after=0&wait=0", "wait")]
    [InlineData("?after=0&wait=31", "wait")]
    [InlineData("?after=-1&wait=5", "after")]
    public async Task Bad_wait_or_count_is_a_400(string query, string field)
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        var response = await service.ClientFor(userId).GetAsync($"/api/orders/{orderId}/tracking{query}", Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    [Theory]
    [InlineData("?after=0&wait=soon")]
    [InlineData("?after=many&wait=1")]
    public async Task Unreadable_wait_or_count_is_a_400(string query)
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        var response = await service.ClientFor(userId).GetAsync($"/api/orders/{orderId}/tracking{query}", Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Another_users_order_is_not_found_without_waiting()
    {
        var orderId = await service.PlaceAsync(Guid.NewGuid());

        var response = await service.ClientFor(Guid.NewGuid()).GetAsync($"/api/orders/{orderId}/tracking?after=5&wait=30", Ct);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
