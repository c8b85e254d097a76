using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>The sweeper runs by itself on the service's clock.</summary>
public sealed class SweeperScheduleTests(SweeperScheduleTests.HourlySweeps service) : IClassFixture<SweeperScheduleTests.HourlySweeps>
{
    public sealed class HourlySweeps : ExpiringCartFactory
    {
        protected override bool ScheduledSweeps => true;
    }

    [Fact]
    public async Task Expired_carts_are_swept_when_the_clock_passes_a_sweep()
    {
        var (cartId, _) = await service.NewAnonymousCartAsync();

        service.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromHours(1));

        // Waits for the sweeper to act on the tick (it runs in the background); asserts no timing.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        patience.CancelAfter(TimeSpan.FromSeconds(30));
        while (await service.IsStoredAsync(cartId))
        {
            await Task.Delay(20, patience.Token);
        }
    }
}
