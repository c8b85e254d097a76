using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

/// <summary>The provider answers a charge after the sweeper abandoned its payment (a provider slower
/// than our deadline, a paused process, or another replica's sweeper, whose provider never saw the
/// charge): the money moved, so the records must say so.</summary>
public sealed class LateCaptureTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    /// <summary>Starts a charge whose authorisation waits, and lets the sweeper abandon it.</summary>
    private async Task<(Task<HttpResponseMessage> Charging, HeldAuthorisation Held)> ChargeAbandonedMidwayAsync(object body, string key)
    {
        var held = service.Provider.HoldNextAuthorisation(reachedProvider: false);
        var charging = _client.PostAsync(body, key);
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter + TimeSpan.FromSeconds(1));
        await service.SweepAsync();
        return (charging, held);
    }

    [Fact]
    public async Task A_capture_that_lands_after_the_payment_was_abandoned_is_kept()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var key = NewKey();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid());
        var (charging, held) = await ChargeAbandonedMidwayAsync(body, key);
        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Abandoned"], db.PaymentStatusesOfOrder(orderId));
        }

        held.Release();
        var charged = await charging;

        Assert.Equal(HttpStatusCode.Created, charged.StatusCode);
        var payment = await charged.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal("Captured", payment.GetProperty("status").GetString());
        var paymentId = payment.GetProperty("paymentId").GetGuid();
        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Captured"], db.PaymentStatusesOfOrder(orderId));
            Assert.Equal([("authorisation", 25.50m), ("capture", 25.50m)], db.LedgerOfPayment(paymentId).Order());
        }
        var status = await _client.OrderStatusAsync(orderId);
        Assert.Equal("Captured", status.GetProperty("state").GetString());
        Assert.Equal(paymentId, status.GetProperty("paymentId").GetGuid());
        Assert.Equal(25.50m, status.AmountOf("captured"));
        // The payment took its Idempotency-Key back: a retry replays the capture.
        var retry = await _client.PostAsync(body, key);
        Assert.Equal(await charged.Content.ReadAsStringAsync(ct), await retry.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_capture_that_lands_after_a_retry_captured_the_order_is_refunded_at_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var key = NewKey();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid());
        var (charging, held) = await ChargeAbandonedMidwayAsync(body, key);
        // The abandoned payment gave its key back: the retry charges afresh and captures.
        var retry = await _client.PostAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var retryPaymentId = (await retry.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("paymentId").GetGuid();

        held.Release();
        var late = await charging;

        await late.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        Assert.NotNull(late.Headers.RetryAfter);
        Guid latePaymentId;
        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Reversed", "Captured"], db.PaymentStatusesOfOrder(orderId));
            latePaymentId = db.PaymentIdsOfOrder(orderId)[0];
            Assert.Equal([("authorisation", 25.50m), ("capture", 25.50m), ("refund", 25.50m)], db.LedgerOfPayment(latePaymentId).Order());
            var refund = Assert.Single(db.Refunds(latePaymentId));
            Assert.Equal(("Completed", 25.50m), (refund.Status, refund.Amount));
            Assert.Contains(refund.Id, service.Provider.RefundsSent);
            Assert.Equal([("authorisation", 25.50m), ("capture", 25.50m)], db.LedgerOfPayment(retryPaymentId).Order());
        }
        // Exactly one net capture: the retry's.
        var status = await _client.OrderStatusAsync(orderId);
        Assert.Equal("Captured", status.GetProperty("state").GetString());
        Assert.Equal(retryPaymentId, status.GetProperty("paymentId").GetGuid());
        Assert.Equal(25.50m, status.AmountOf("captured"));
        Assert.Equal(0m, status.AmountOf("refunded"));
        var again = await _client.PostAsync(body, key);
        Assert.Equal(await retry.Content.ReadAsStringAsync(ct), await again.Content.ReadAsStringAsync(ct));
    }

    [Fact]
    public async Task A_capture_that_lands_after_the_order_was_closed_is_refunded_at_once()
    {
        var orderId = Guid.NewGuid();
        var (charging, held) = await ChargeAbandonedMidwayAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        var closed = await (await _client.CancelOrderAsync(orderId)).OkJsonAsync();
        Assert.Equal("Closed", closed.GetProperty("state").GetString());

        held.Release();
        var late = await charging;

        await late.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Reversed"], db.PaymentStatusesOfOrder(orderId));
            Assert.Equal(["authorisation", "capture", "refund"], db.LedgerKindsOfOrder(orderId).Order(StringComparer.Ordinal));
        }
        Assert.Equal("Closed", (await _client.OrderStatusAsync(orderId)).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_decline_that_lands_after_the_payment_was_abandoned_moves_nothing()
    {
        var orderId = Guid.NewGuid();
        var (charging, held) = await ChargeAbandonedMidwayAsync(ChargeRequests.Body(orderId, Guid.NewGuid(), "4000000000000002"), NewKey());

        held.Release();
        var late = await charging;

        await late.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        using var db = service.OpenDatabase();
        Assert.Equal(["Abandoned"], db.PaymentStatusesOfOrder(orderId));
        Assert.Empty(db.LedgerKindsOfOrder(orderId));
    }
}
