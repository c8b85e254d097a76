using System.Net;
using System.Net.Http.Json;
using Bazaar.Orders.Saga;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

// Alone: Dapper's query cache is process-wide.
[CollectionDefinition(nameof(DapperCache), DisableParallelization = true)]
public sealed class DapperCache;

/// <summary>Every query the order flows make is generated at compile time (<see cref="DapperRuntimePath"/>).</summary>
[Collection(nameof(DapperCache))]
public sealed class GeneratedDataAccessTests(OrdersFactory service) : IClassFixture<OrdersFactory>
{
    [Fact]
    public async Task Every_query_of_the_order_flows_is_generated_at_compile_time()
    {
        var ct = TestContext.Current.CancellationToken;
        _ = service.Services; // started and migrated before the cache is emptied
        DapperRuntimePath.Reset();

        var userId = Guid.NewGuid();
        var paid = await service.PlaceAsync(userId);
        var declined = await service.PlaceAsync(userId, FakePayments.Declined);
        var shopper = service.ClientFor(userId);
        await shopper.GetAsync("/api/orders", ct);
        await shopper.GetAsync($"/api/orders/{paid}", ct);
        var admin = service.Admin();
        var fulfilment = await admin.FulfilAsync(paid);
        await admin.ReportAsync(paid, "InTransit", "left the depot");
        await admin.ReportAsync(paid, "Delivered");
        await service.TrackAsync(userId, paid);
        await admin.GetAsync("/api/admin/orders", ct);
        await admin.GetAsync($"/api/admin/orders/{paid}", ct);
        await shopper.PostAsync($"/api/orders/{declined}/cancel", null, ct);
        await service.Services.GetRequiredService<SagaRepository>().CountByStepAsync(ct);
        var ready = await service.CreateClient().GetAsync("/health/ready", ct);

        Assert.Equal(HttpStatusCode.OK, fulfilment.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(DapperRuntimePath.Statements());
    }
}
