using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Orders;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>Two writers racing on one order: the second never overwrites the first, and the
/// request that lost answers 409 rather than 500.</summary>
public sealed class OrderRaceTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stale_copy_of_an_order_cannot_overwrite_its_status()
    {
        var userId = Guid.NewGuid();
        service.Carts.Put(userId, (service.NewProduct(2m), 1));
        var placed = await (await service.ClientFor(userId).CheckoutAsync(Checkouts.Body())).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var orders = service.Services.GetRequiredService<OrderRepository>();
        var stale = (await orders.FindForUserAsync(placed.GetProperty("id").GetGuid(), userId, Ct))!;
        Assert.Equal(OrderStatus.Paid, stale.Status);

        // Pretend this copy was read while the order was still only reserved.
        var raced = Order.Restore(stale.Id, stale.UserId, OrderStatus.StockReserved, stale.Lines, stale.ShippingAddress, stale.CreatedAt, null);
        raced.Cancel();

        await Assert.ThrowsAsync<InvalidOrderTransitionException>(() => orders.SaveStatusAsync(raced, OrderStatus.StockReserved, Ct));
        Assert.Equal(OrderStatus.Paid, (await orders.FindForUserAsync(stale.Id, userId, Ct))!.Status);
    }

    [Fact]
    public async Task An_illegal_transition_answers_409()
    {
        var handler = ActivatorUtilities.CreateInstance<InvalidTransitionHandler>(service.Services);
        var context = new DefaultHttpContext { RequestServices = service.Services };
        context.Response.Body = new MemoryStream();

        var handled = await handler.TryHandleAsync(context, new InvalidOrderTransitionException(Guid.NewGuid(), OrderStatus.Paid, OrderStatus.Cancelled), Ct);

        Assert.True(handled);
        Assert.Equal(StatusCodes.Status409Conflict, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        var problem = await JsonSerializer.DeserializeAsync<JsonElement>(context.Response.Body, cancellationToken: Ct);
        Assert.Equal("urn:bazaar:problem:invalid-order-transition", problem.GetProperty("type").GetString());
    }
}
