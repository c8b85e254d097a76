using System.Net;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

/// <summary>The order's payment as the saga reads it to reconcile.</summary>
public sealed class OrderStatusTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static void AssertStatus(JsonElement status, Guid orderId, string state, Guid? paymentId, decimal? captured, decimal? refunded, string? declineCode)
    {
        Assert.Equal(orderId, status.GetProperty("orderId").GetGuid());
        Assert.Equal(state, status.GetProperty("state").GetString());
        Assert.Equal(paymentId, status.GetProperty("paymentId").ValueKind == JsonValueKind.Null ? null : status.GetProperty("paymentId").GetGuid());
        Assert.Equal(captured, status.AmountOf("captured"));
        Assert.Equal(refunded, status.AmountOf("refunded"));
        Assert.Equal(declineCode, status.GetProperty("declineCode").GetString());
    }

    [Fact]
    public async Task An_unknown_order_has_no_payment()
    {
        var orderId = Guid.NewGuid();

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "None", null, null, null, null);
    }

    [Fact]
    public async Task A_payment_in_flight_is_pending()
    {
        var orderId = Guid.NewGuid();
        Guid paymentId;
        using (var db = service.OpenDatabase())
        {
            paymentId = db.InsertPendingPayment(orderId, service.Clock.GetUtcNow());
        }

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Pending", paymentId, null, null, null);
    }

    [Fact]
    public async Task A_captured_order_shows_the_capture_and_what_was_refunded()
    {
        var orderId = Guid.NewGuid();
        await _client.ChargeAsync("4000000000000002", orderId: orderId);
        var paymentId = await _client.ChargeAsync(amount: 25.50m, orderId: orderId);
        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Captured", paymentId, 25.50m, 0m, null);

        await _client.RefundAsync(paymentId, Body(5m), NewKey());

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Captured", paymentId, 25.50m, 5m, null);
    }

    [Fact]
    public async Task A_declined_order_shows_why()
    {
        var orderId = Guid.NewGuid();
        await _client.ChargeAsync("4000000000000002", orderId: orderId);
        var paymentId = await _client.ChargeAsync("4000000000009995", orderId: orderId);

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Declined", paymentId, null, null, "insufficient_funds");
    }

    [Fact]
    public async Task A_closed_order_is_closed()
    {
        var orderId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync("4000000000000002", orderId: orderId);
        await _client.CancelOrderAsync(orderId);

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Closed", paymentId, null, null, null);
    }

    [Fact]
    public async Task A_cancelled_captured_order_is_refunded()
    {
        var orderId = Guid.NewGuid();
        var paymentId = await _client.ChargeAsync(amount: 12m, orderId: orderId);
        await _client.CancelOrderAsync(orderId);

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "Refunded", paymentId, 12m, 12m, null);
    }

    [Fact]
    public async Task An_abandoned_payment_moved_no_money_and_is_not_shown()
    {
        var orderId = Guid.NewGuid();
        using (var db = service.OpenDatabase())
        {
            db.InsertPendingPayment(orderId, service.Clock.GetUtcNow());
        }
        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter * 2);
        await service.SweepAsync();

        AssertStatus(await _client.OrderStatusAsync(orderId), orderId, "None", null, null, null, null);
    }

    [Fact]
    public async Task An_order_id_that_is_not_a_guid_is_a_404()
    {
        var response = await _client.GetAsync("/internal/payments/orders/nope", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
