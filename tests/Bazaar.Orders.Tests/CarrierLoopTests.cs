using Bazaar.Orders.Tracking;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The order-service with the simulated carrier switched on, stepping on a clock the test moves.</summary>
public sealed class CarrierOnFactory : OrdersFactory
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Orders:SimulatedCarrier:Enabled", "true"),
        new("Orders:SimulatedCarrier:StepInterval", "00:01:00"),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
    }
}

public sealed class CarrierLoopTests(CarrierOnFactory service) : IClassFixture<CarrierOnFactory>
{
    [Fact]
    public async Task When_enabled_the_carrier_delivers_a_fulfilling_order_as_the_clock_moves()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        await service.Admin().FulfilAsync(orderId);
        var signals = service.Services.GetRequiredService<TrackingSignals>();

        // Each round moves the clock one interval and waits for the carrier's write (the signal the
        // long-poll uses). The carrier's loop starts in the background, so a round may come before
        // its timer exists; the bound on rounds only keeps a broken carrier from hanging the run.
        var status = "Fulfilling";
        for (var round = 0; round < 40 && status != "Delivered"; round++)
        {
            using var subscription = signals.Subscribe(orderId);
            service.Clock.Advance(CarrierOnFactory.Interval);
            try
            {
                await subscription.Changed.WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken);
            }
            catch (TimeoutException)
            {
                // No step this round; move the clock again.
            }
            status = (await service.TrackAsync(userId, orderId)).GetProperty("orderStatus").GetString()!;
        }

        var tracking = await service.TrackAsync(userId, orderId);
        Assert.Equal("Delivered", tracking.GetProperty("orderStatus").GetString());
        Assert.Equal(["LabelCreated", "PickedUp", "InTransit", "OutForDelivery", "Delivered"], tracking.Timeline());
    }
}
