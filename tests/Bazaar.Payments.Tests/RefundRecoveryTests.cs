using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;
using Bazaar.Testing;
using Dapper;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

/// <summary>A refund whose outcome is unknown is never given back and never sent twice as two
/// refunds: it stays Pending and the same refund id is sent again until the provider confirms.</summary>
public sealed class RefundRecoveryTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_refund_the_provider_did_not_confirm_stays_pending_and_a_retry_completes_it_once()
    {
        var ct = TestContext.Current.CancellationToken;
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        var key = NewKey();
        service.Provider.FailRefunds(1);

        var lost = await _client.RefundAsync(paymentId, Body(5m), key);

        await lost.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "refund-pending");
        Assert.NotNull(lost.Headers.RetryAfter);
        using (var db = service.OpenDatabase())
        {
            var pending = Assert.Single(db.Refunds(paymentId));
            Assert.Equal("Pending", pending.Status);
            Assert.DoesNotContain(db.LedgerOfPayment(paymentId), e => e.Kind == "refund");
        }

        var retry = await _client.RefundAsync(paymentId, Body(5m), key);
        var again = await _client.RefundAsync(paymentId, Body(5m), key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var refund = await retry.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(5m, refund.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Equal(await retry.Content.ReadAsStringAsync(ct), await again.Content.ReadAsStringAsync(ct));
        using (var db = service.OpenDatabase())
        {
            var completed = Assert.Single(db.Refunds(paymentId));
            Assert.Equal("Completed", completed.Status);
            Assert.Equal(refund.GetProperty("refundId").GetGuid(), completed.Id);
            // The provider was sent the same refund id twice (the lost one and the retry), never a third time.
            Assert.Equal([completed.Id, completed.Id], service.Provider.RefundsSent.Where(id => id == completed.Id));
            Assert.Equal([("refund", 5m)], db.LedgerOfPayment(paymentId).Where(e => e.Kind == "refund"));
        }
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/{paymentId}", ct);
        Assert.Equal(5m, detail.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_pending_refund_still_counts_against_the_capture()
    {
        var paymentId = await _client.ChargeAsync(amount: 10m);
        service.Provider.FailRefunds(1);
        await _client.RefundAsync(paymentId, Body(8m), NewKey());

        var tooMuch = await _client.RefundAsync(paymentId, Body(3m), NewKey());

        await tooMuch.AssertProblemAsync(HttpStatusCode.Conflict, "refund-exceeds-capture");
        using var db = service.OpenDatabase();
        Assert.Equal([8m], db.Refunds(paymentId).Select(r => r.Amount));
    }

    [Fact]
    public async Task The_sweeper_completes_a_stuck_refund_once_it_has_been_pending_long_enough()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        var key = NewKey();
        service.Provider.FailRefunds(1);
        await _client.RefundAsync(paymentId, Body(7m), key);

        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter - TimeSpan.FromSeconds(1));
        await service.SweepAsync();
        using (var db = service.OpenDatabase())
        {
            Assert.Equal("Pending", Assert.Single(db.Refunds(paymentId)).Status);
        }

        service.Clock.Advance(TimeSpan.FromSeconds(2));
        await service.SweepAsync();
        await service.SweepAsync();

        using (var db = service.OpenDatabase())
        {
            var refund = Assert.Single(db.Refunds(paymentId));
            Assert.Equal("Completed", refund.Status);
            Assert.Equal([refund.Id, refund.Id], service.Provider.RefundsSent.Where(id => id == refund.Id));
            Assert.Equal([("refund", 7m)], db.LedgerOfPayment(paymentId).Where(e => e.Kind == "refund"));
        }
        var replay = await _client.RefundAsync(paymentId, Body(7m), key);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
    }

    [Fact]
    public async Task A_refund_the_provider_keeps_failing_stays_pending_through_sweeps()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        // Every refund fails while this runs: a sweep also resends other tests' pending refunds, so
        // a budget of failures could be spent on them first.
        service.Provider.FailRefunds(int.MaxValue);
        try
        {
            await _client.RefundAsync(paymentId, Body(7m), NewKey());

            service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter * 2);
            await service.SweepAsync();
            await service.SweepAsync();

            using var db = service.OpenDatabase();
            Assert.Equal("Pending", Assert.Single(db.Refunds(paymentId)).Status);
            Assert.DoesNotContain(db.LedgerOfPayment(paymentId), e => e.Kind == "refund");
        }
        finally
        {
            service.Provider.FailRefunds(0);
        }
    }

    [Fact]
    public async Task A_refund_left_pending_by_an_earlier_version_without_a_stored_answer_is_completed_with_one_rebuilt()
    {
        var ct = TestContext.Current.CancellationToken;
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        var key = NewKey();
        var refundId = Guid.CreateVersion7();
        var fingerprint = IdempotencyKey.Fingerprint(new RefundFingerprint(paymentId, new Money(5m, "USD")), PaymentsJson.Default.RefundFingerprint);
        using (var db = service.OpenDatabase())
        {
            db.Execute(
                """
                INSERT INTO refunds (id, payment_id, amount, currency, status, idempotency_key, request_fingerprint, created_at)
                VALUES (@id, @paymentId, '5', 'USD', 'Pending', @key, @fingerprint, @createdAt)
                """,
                new { id = Db.Id(refundId), paymentId = Db.Id(paymentId), key, fingerprint, createdAt = Db.Time(service.Clock.GetUtcNow()) });
        }

        var retry = await _client.RefundAsync(paymentId, Body(5m), key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var refund = await retry.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(refundId, refund.GetProperty("refundId").GetGuid());
        Assert.Equal(5m, refund.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Equal("PartiallyRefunded", refund.GetProperty("status").GetString());
        using var check = service.OpenDatabase();
        Assert.Equal([("refund", 5m)], check.LedgerOfPayment(paymentId).Where(e => e.Kind == "refund"));
    }
}
