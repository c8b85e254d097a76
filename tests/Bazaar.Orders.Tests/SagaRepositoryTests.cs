using Bazaar.Orders.Domain;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Saga;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The conditional writes that let several drivers share a saga without locks.</summary>
public sealed class SagaRepositoryTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private SagaRepository Sagas => service.Services.GetRequiredService<SagaRepository>();

    [Fact]
    public async Task A_driver_that_read_an_older_version_cannot_overwrite_a_newer_decision()
    {
        var order = await PlaceAsync();
        var stale = (await Sagas.FindAsync(order.Id, Ct))!;
        // Meanwhile the customer cancels: the saga is reopened at ClosePayment (a new version).
        await using (var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Ct))
        await using (var transaction = await connection.BeginTransactionAsync(Ct))
        {
            await Sagas.CompensateAsync(connection, transaction, order.Id, CancelReason.CustomerCancelled, "cancelled", Ct);
            await transaction.CommitAsync(Ct);
        }

        var written = await Sagas.AdvanceAsync(stale, stale.With(SagaStep.TakePayment), order, order.Status, null, Ct);

        Assert.False(written);
        var now = (await Sagas.FindAsync(order.Id, Ct))!;
        Assert.Equal(SagaStep.ClosePayment, now.Step);
        Assert.Equal(stale.Version + 1, now.Version);
    }

    [Fact]
    public async Task The_same_step_reached_again_is_still_a_newer_version()
    {
        var order = await PlaceAsync();
        var first = (await Sagas.FindAsync(order.Id, Ct))!;
        Assert.True(await Sagas.AdvanceAsync(first, first.With(SagaStep.ReserveStock), order, order.Status, null, Ct));

        // A driver that read the first ReserveStock and stalled must not write over the second.
        Assert.False(await Sagas.AdvanceAsync(first, first.With(SagaStep.Done), order, order.Status, null, Ct));
        Assert.Equal(SagaStep.ReserveStock, (await Sagas.FindAsync(order.Id, Ct))!.Step);
    }

    [Fact]
    public async Task A_saga_being_driven_is_not_offered_to_other_runners_until_its_hold_ends()
    {
        var order = await PlaceAsync(heldUntil: DateTimeOffset.UtcNow.AddSeconds(-1));
        var saga = (await Sagas.FindAsync(order.Id, Ct))!;
        Assert.Contains(await Sagas.DueAsync(1000, Ct), due => due.OrderId == order.Id);

        Assert.True(await Sagas.AdvanceAsync(saga, saga.With(SagaStep.TakePayment), order, order.Status, null, Ct));

        // The driver that decided goes on to the next step itself; nobody else is offered it meanwhile.
        Assert.DoesNotContain(await Sagas.DueAsync(1000, Ct), due => due.OrderId == order.Id);
        var taken = (await Sagas.FindAsync(order.Id, Ct))!;
        Assert.False(await Sagas.TryClaimAsync(saga, TimeSpan.FromSeconds(30), Ct)); // the old read cannot claim it either
        Assert.Equal(SagaStep.TakePayment, taken.Step);
    }

    /// <summary>An order and its saga at ReserveStock, held (by a checkout request) until <paramref name="heldUntil"/>.</summary>
    private async Task<Order> PlaceAsync(DateTimeOffset? heldUntil = null)
    {
        var order = Order.Place(Guid.CreateVersion7(), Guid.NewGuid(), [new OrderLine("SKU-X", Guid.NewGuid(), "Mug", 1, new Money(5m, "USD"))],
            new ShippingAddress("Ann", "1 High St", null, "London", "N1", "GB"), DateTimeOffset.UtcNow);
        var now = DateTimeOffset.UtcNow;
        await service.Services.GetRequiredService<OrderRepository>().TryAddAsync(order, "key-" + order.Id, "fingerprint",
            (connection, transaction, token) => Sagas.StartAsync(connection, transaction, order.Id, now.AddHours(1), heldUntil ?? now.AddHours(1), token), Ct);
        return order;
    }
}
