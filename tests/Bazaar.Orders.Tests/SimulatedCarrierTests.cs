using System.Net;
using System.Text.Json;
using Bazaar.Orders.Fulfilment;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The order-service on a clock the test moves; the carrier's own loop is off, so it steps
/// when the test calls it.</summary>
public sealed class ClockedOrdersFactory : OrdersFactory
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
    }

    public Task<int> AdvanceCarrierAsync() => Services.GetRequiredService<SimulatedCarrier>().AdvanceOnceAsync(TestContext.Current.CancellationToken);
}

public sealed class SimulatedCarrierTests(ClockedOrdersFactory service) : IClassFixture<ClockedOrdersFactory>
{
    private static readonly TimeSpan Step = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task The_carrier_moves_a_fulfilling_order_one_step_at_a_time_to_delivery()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var waiting = await service.PlaceAsync(userId); // paid, but nobody started fulfilling it
        Assert.Equal(HttpStatusCode.OK, (await service.Admin().FulfilAsync(orderId)).StatusCode);

        var expected = new[] { ("PickedUp", "Shipped"), ("InTransit", "Shipped"), ("OutForDelivery", "Shipped"), ("Delivered", "Delivered") };
        for (var i = 0; i < expected.Length; i++)
        {
            service.Clock.Advance(Step);
            var stepAt = service.Clock.GetUtcNow();
            await service.AdvanceCarrierAsync();

            var tracking = await service.TrackAsync(userId, orderId);
            Assert.Equal(expected[i].Item2, tracking.GetProperty("orderStatus").GetString());
            Assert.Equal(["LabelCreated", .. expected.Take(i + 1).Select(e => e.Item1)], tracking.Timeline());
            Assert.Equal(stepAt, LastEvent(tracking).GetProperty("at").GetDateTimeOffset());
        }

        service.Clock.Advance(Step);
        await service.AdvanceCarrierAsync();
        var delivered = await service.TrackAsync(userId, orderId);
        Assert.Equal(5, delivered.GetProperty("eventCount").GetInt32());
        var untouched = await service.TrackAsync(userId, waiting);
        Assert.Equal("Paid", untouched.GetProperty("orderStatus").GetString());
        Assert.Equal(["LabelCreated"], untouched.Timeline());
    }

    [Fact]
    public async Task A_shipment_in_exception_waits_for_an_admin()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);
        await service.AdvanceCarrierAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.ReportAsync(orderId, "Exception", "Parcel damaged")).StatusCode);

        await service.AdvanceCarrierAsync();
        Assert.Equal(["LabelCreated", "PickedUp", "Exception"], (await service.TrackAsync(userId, orderId)).Timeline());

        Assert.Equal(HttpStatusCode.OK, (await admin.ReportAsync(orderId, "InTransit", "Repacked")).StatusCode);
        await service.AdvanceCarrierAsync();
        var tracking = await service.TrackAsync(userId, orderId);
        Assert.Equal(["LabelCreated", "PickedUp", "Exception", "InTransit", "OutForDelivery"], tracking.Timeline());
    }

    private static JsonElement LastEvent(JsonElement tracking) => tracking.GetProperty("shipment").GetProperty("events").EnumerateArray().Last();
}
