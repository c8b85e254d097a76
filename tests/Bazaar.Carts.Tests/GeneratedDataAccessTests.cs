using System.Net;
using Bazaar.Carts.Expiry;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Carts.Tests;

// Alone: Dapper's query cache is process-wide.
[CollectionDefinition(nameof(DapperCache), DisableParallelization = true)]
public sealed class DapperCache;

/// <summary>Every query the cart flows make is generated at compile time (<see cref="DapperRuntimePath"/>).</summary>
[Collection(nameof(DapperCache))]
public sealed class GeneratedDataAccessTests(PaidOrderCartFactory service) : IClassFixture<PaidOrderCartFactory>
{
    [Fact]
    public async Task Every_query_of_the_cart_flows_is_generated_at_compile_time()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = service.Services; // started and migrated before the cache is emptied
        DapperRuntimePath.Reset();

        var (mug, pen) = (service.Catalog.Add().Sku, service.Catalog.Add().Sku);
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        await anonymous.PutOkAsync(mug, 2);
        await anonymous.PutOkAsync(pen, 1);
        await anonymous.DeleteAsync($"/api/cart/items/{pen}", ct);
        var userId = Guid.CreateVersion7();
        var shopper = service.ClientFor(userId);
        await shopper.PutOkAsync(pen, 1);
        var merged = await shopper.MergeAsync(cartId);
        await shopper.GetAsync("/api/cart/lines", ct);
        await OrderStream.PublishAsync(service, [OrderStream.Paid(userId, (pen, 1))], ct);
        await OrderStream.EventuallyAsync(async () => !(await shopper.CartAsync()).Quantities().ContainsKey(pen), "the paid order's line never left the cart", ct);
        await shopper.DeleteAsync("/api/cart", ct);
        await service.Services.GetRequiredService<ExpiredCartSweep>().RunAsync(ct);
        await service.CreateClient().GetAsync("/internal/messaging/dead-letters?group=cart-service", ct);
        var ready = await service.CreateClient().GetAsync("/health/ready", ct);

        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(DapperRuntimePath.Statements());
    }
}
