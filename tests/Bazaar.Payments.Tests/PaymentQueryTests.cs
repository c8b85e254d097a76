using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

public sealed class PaymentQueryTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task The_owner_sees_the_payments_of_an_order_and_nobody_else_does()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = Guid.NewGuid();
        var orderId = Guid.NewGuid();
        await service.CreateClient().PostAsync(ChargeRequests.Body(orderId, owner, "4000000000000002"), "k1-" + orderId);
        await service.CreateClient().PostAsync(ChargeRequests.Body(orderId, owner), "k2-" + orderId);

        var mine = await service.ClientFor(owner).GetFromJsonAsync<JsonElement[]>($"/api/payments?orderId={orderId}", ct);
        var theirs = await service.ClientFor(Guid.NewGuid()).GetFromJsonAsync<JsonElement[]>($"/api/payments?orderId={orderId}", ct);

        Assert.Equal(["Declined", "Captured"], mine!.Select(p => p.GetProperty("status").GetString()));
        Assert.All(mine!, p => Assert.Equal(0m, p.GetProperty("refundedTotal").GetProperty("amount").GetDecimal()));
        Assert.Empty(theirs!);
    }

    [Fact]
    public async Task The_owner_sees_what_was_refunded()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = Guid.NewGuid();
        var orderId = Guid.NewGuid();
        var client = service.CreateClient();
        var paymentId = await client.ChargeAsync(amount: 25.50m, userId: owner, orderId: orderId);
        await client.RefundAsync(paymentId, RefundRequests.Body(20m), RefundRequests.NewKey());

        var mine = await service.ClientFor(owner).GetFromJsonAsync<JsonElement[]>($"/api/payments?orderId={orderId}", ct);

        var payment = Assert.Single(mine!);
        Assert.Equal("Captured", payment.GetProperty("status").GetString());
        Assert.Equal(25.50m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal(20m, payment.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", payment.GetProperty("refundedTotal").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task Listing_needs_a_token_and_an_order_id()
    {
        var ct = TestContext.Current.CancellationToken;
        var anonymous = await service.CreateClient().GetAsync($"/api/payments?orderId={Guid.NewGuid()}", ct);
        await anonymous.AssertProblemAsync(HttpStatusCode.Unauthorized);

        var noOrder = await service.ClientFor(Guid.NewGuid()).GetAsync("/api/payments", ct);
        await noOrder.AssertProblemAsync(HttpStatusCode.BadRequest);

        var badOrder = await service.ClientFor(Guid.NewGuid()).GetAsync("/api/payments?orderId=nope", ct);
        await badOrder.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
