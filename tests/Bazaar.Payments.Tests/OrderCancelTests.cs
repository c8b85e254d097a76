using System.Net;
using Bazaar.Testing;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

/// <summary>Closing an order for payment: the saga's compensation.</summary>
public sealed class OrderCancelTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task An_order_without_a_payment_is_closed_and_a_later_charge_never_reaches_the_provider()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();

        var first = await _client.CancelOrderAsync(orderId);
        var second = await _client.CancelOrderAsync(orderId);

        var closed = await first.OkJsonAsync();
        Assert.Equal(orderId, closed.GetProperty("orderId").GetGuid());
        Assert.Equal("Closed", closed.GetProperty("state").GetString());
        Assert.Null(closed.AmountOf("refunded"));
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));

        var authorisations = service.Provider.Authorisations;
        var late = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());

        await late.AssertProblemAsync(HttpStatusCode.Conflict, "order-closed");
        Assert.Equal(authorisations, service.Provider.Authorisations);
        using var db = service.OpenDatabase();
        Assert.Empty(db.PaymentStatusesOfOrder(orderId));
        Assert.Equal("Closed", (await _client.OrderStatusAsync(orderId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_captured_order_is_refunded_in_full_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync(amount: 25.50m, orderId: orderId);

        var first = await _client.CancelOrderAsync(orderId);
        var second = await _client.CancelOrderAsync(orderId);

        var refunded = await first.OkJsonAsync();
        Assert.Equal("Refunded", refunded.GetProperty("state").GetString());
        Assert.Equal(25.50m, refunded.AmountOf("refunded"));
        Assert.Equal("USD", refunded.GetProperty("refunded").GetProperty("currency").GetString());
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await second.Content.ReadAsStringAsync(ct));
        using var db = service.OpenDatabase();
        // Sorted by kind: on the test's frozen clock the entries share one timestamp.
        Assert.Equal([("authorisation", 25.50m), ("capture", 25.50m), ("refund", 25.50m)], db.LedgerOfPayment(paymentId).OrderBy(e => e.Kind, StringComparer.Ordinal));
        Assert.True(db.IsClosed(orderId));
        var late = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        await late.AssertProblemAsync(HttpStatusCode.Conflict, "order-closed");
    }

    [Fact]
    public async Task Cancelling_after_a_partial_refund_gives_back_the_rest()
    {
        var orderId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync(amount: 25.50m, orderId: orderId);
        Assert.Equal(HttpStatusCode.Created, (await _client.RefundAsync(paymentId, Body(10m), NewKey())).StatusCode);

        var refunded = await (await _client.CancelOrderAsync(orderId)).OkJsonAsync();

        Assert.Equal(("Refunded", 25.50m), (refunded.GetProperty("state").GetString(), refunded.AmountOf("refunded")));
        using var db = service.OpenDatabase();
        Assert.Equal([10m, 15.50m], db.Refunds(paymentId).Select(r => r.Amount));
        Assert.Equal(25.50m, db.LedgerOfPayment(paymentId).Where(e => e.Kind == "refund").Sum(e => e.Amount));
    }

    [Fact]
    public async Task A_cancel_whose_refund_is_not_confirmed_is_a_503_and_a_retry_finishes_the_same_refund()
    {
        var orderId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync(amount: 12m, orderId: orderId);
        service.Provider.FailRefunds(1);

        var lost = await _client.CancelOrderAsync(orderId);

        await lost.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "refund-pending");
        Assert.NotNull(lost.Headers.RetryAfter);
        Assert.Equal("Captured", (await _client.OrderStatusAsync(orderId)).GetProperty("state").GetString());

        var retry = await (await _client.CancelOrderAsync(orderId)).OkJsonAsync();

        Assert.Equal(("Refunded", 12m), (retry.GetProperty("state").GetString(), retry.AmountOf("refunded")));
        using var db = service.OpenDatabase();
        var refund = Assert.Single(db.Refunds(paymentId));
        Assert.Equal([refund.Id, refund.Id], service.Provider.RefundsSent.Where(id => id == refund.Id));
        Assert.Equal([("refund", 12m)], db.LedgerOfPayment(paymentId).Where(e => e.Kind == "refund"));
    }

    [Fact]
    public async Task An_order_with_a_payment_in_flight_is_not_closed()
    {
        var orderId = Guid.NewGuid();
        using (var db = service.OpenDatabase())
        {
            db.InsertPendingPayment(orderId, service.Clock.GetUtcNow());
        }

        var response = await _client.CancelOrderAsync(orderId);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "payment-in-progress");
        using var check = service.OpenDatabase();
        Assert.False(check.IsClosed(orderId));
    }

    [Theory]
    [InlineData("4000000000000002")]
    [InlineData("4000000000009995")]
    public async Task A_declined_order_is_closed_without_a_refund(string number)
    {
        var orderId = Guid.NewGuid();
        await _client.ChargeAsync(number, orderId: orderId);

        var closed = await (await _client.CancelOrderAsync(orderId)).OkJsonAsync();

        Assert.Equal("Closed", closed.GetProperty("state").GetString());
        Assert.Null(closed.AmountOf("refunded"));
        var late = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        await late.AssertProblemAsync(HttpStatusCode.Conflict, "order-closed");
    }

    [Fact]
    public async Task An_order_id_that_is_not_a_guid_is_a_404()
    {
        var response = await _client.PostAsync("/internal/payments/orders/nope/cancel", null, TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
