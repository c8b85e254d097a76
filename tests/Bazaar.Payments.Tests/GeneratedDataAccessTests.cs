using System.Net;
using Bazaar.Payments.Sweeping;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

/// <summary>Runs alone: Dapper's query cache is process-wide, and other tests query the database
/// through Dapper's runtime path themselves.</summary>
[CollectionDefinition(nameof(DapperCache), DisableParallelization = true)]
public sealed class DapperCache;

/// <summary>A Native AOT build cannot run Dapper's runtime mapper (it emits IL), so every call the
/// payment-service makes must be one Dapper.AOT generated at compile time. A call the generator
/// cannot type (say, an argument that uses another generator's output) is left to the runtime path
/// without a warning; when it runs, its SQL lands in Dapper's query cache, which generated calls
/// never touch.</summary>
[Collection(nameof(DapperCache))]
public sealed class GeneratedDataAccessTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task Every_query_of_the_payment_flows_is_generated_at_compile_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.CreateClient();
        _ = service.Services; // started and migrated before the cache is emptied
        SqlMapper.PurgeQueryCache();

        var orderId = Guid.NewGuid();
        var owner = Guid.NewGuid();
        var declined = await client.PostAsync(ChargeRequests.Body(orderId, owner, "4000000000000002"), NewKey());
        var paymentId = await client.ChargeAsync(amount: 25.50m, userId: owner, orderId: orderId);
        var key = NewKey();
        await client.RefundAsync(paymentId, Body(10m), key);
        await client.RefundAsync(paymentId, Body(10m), key);
        await client.RefundAsync(paymentId, Body(99m), NewKey());
        await client.GetAsync($"/internal/payments/{paymentId}", ct);
        await service.ClientFor(owner).GetAsync($"/api/payments?orderId={orderId}", ct);
        await client.OrderStatusAsync(orderId);
        await client.CancelOrderAsync(Guid.NewGuid());
        await service.Services.GetRequiredService<PendingSweeper>().SweepAsync(ct);
        var ready = await client.GetAsync("/health/ready", ct);

        Assert.Equal(HttpStatusCode.Created, declined.StatusCode); // a decline is an answer, recorded
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Empty(SqlMapper.GetCachedSQL().Select(entry => entry.Item2));
    }
}
