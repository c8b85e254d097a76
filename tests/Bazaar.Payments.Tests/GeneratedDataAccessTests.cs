using System.Net;
using Bazaar.Payments.Sweeping;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

// Alone: Dapper's query cache is process-wide.
[CollectionDefinition(nameof(DapperCache), DisableParallelization = true)]
public sealed class DapperCache;

/// <summary>Every query the payment flows make is generated at compile time (<see cref="DapperRuntimePath"/>).</summary>
[Collection(nameof(DapperCache))]
public sealed class GeneratedDataAccessTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task Every_query_of_the_payment_flows_is_generated_at_compile_time()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.CreateClient();
        _ = service.Services; // started and migrated before the cache is emptied
        DapperRuntimePath.Reset();

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
        Assert.Empty(DapperRuntimePath.Statements());
    }
}
