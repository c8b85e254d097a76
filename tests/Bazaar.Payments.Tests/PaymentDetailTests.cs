using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

public sealed class PaymentDetailTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_payment_shows_what_was_captured_and_each_refund()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync(amount: 25.50m, userId: userId, orderId: orderId);
        await _client.RefundAsync(paymentId, Body(5m), NewKey());
        await _client.RefundAsync(paymentId, Body(2.25m), NewKey());

        var payment = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/{paymentId}", ct);

        Assert.Equal(paymentId, payment.GetProperty("paymentId").GetGuid());
        Assert.Equal(orderId, payment.GetProperty("orderId").GetGuid());
        Assert.Equal(userId, payment.GetProperty("userId").GetGuid());
        Assert.Equal("Captured", payment.GetProperty("status").GetString());
        Assert.Equal(25.50m, payment.GetProperty("capturedAmount").GetProperty("amount").GetDecimal());
        Assert.Equal(7.25m, payment.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", payment.GetProperty("refundedTotal").GetProperty("currency").GetString());
        Assert.Equal("4242", payment.GetProperty("cardLast4").GetString());
        var refunds = payment.GetProperty("refunds").EnumerateArray().ToList();
        Assert.Equal([5m, 2.25m], refunds.Select(r => r.GetProperty("amount").GetProperty("amount").GetDecimal()));
        Assert.All(refunds, r => Assert.Equal("Completed", r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_payment_without_refunds_shows_zero_refunded()
    {
        var paymentId = await _client.ChargeAsync(amount: 12m);

        var payment = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/{paymentId}", TestContext.Current.CancellationToken);

        Assert.Equal(12m, payment.GetProperty("capturedAmount").GetProperty("amount").GetDecimal());
        Assert.Equal(0m, payment.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Empty(payment.GetProperty("refunds").EnumerateArray());
    }

    [Fact]
    public async Task A_declined_payment_captured_nothing()
    {
        var paymentId = await _client.ChargeAsync("4000000000000002", amount: 12m);

        var payment = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/{paymentId}", TestContext.Current.CancellationToken);

        Assert.Equal("Declined", payment.GetProperty("status").GetString());
        Assert.Equal("card_declined", payment.GetProperty("declineCode").GetString());
        Assert.Equal(12m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal(0m, payment.GetProperty("capturedAmount").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task An_unknown_payment_is_a_404()
    {
        var ct = TestContext.Current.CancellationToken;

        var unknown = await _client.GetAsync($"/internal/payments/{Guid.NewGuid()}", ct);
        var malformed = await _client.GetAsync("/internal/payments/nope", ct);

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await malformed.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
