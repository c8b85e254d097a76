using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Dapper;
using Xunit;
using static Bazaar.Payments.Tests.RefundRequests;

namespace Bazaar.Payments.Tests;

public sealed class RefundApiTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_full_refund_gives_everything_back_and_is_a_ledger_entry()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);

        var response = await _client.RefundAsync(paymentId, Body(25.50m), NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var refund = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.NotEqual(Guid.Empty, refund.GetProperty("refundId").GetGuid());
        Assert.Equal(paymentId, refund.GetProperty("paymentId").GetGuid());
        Assert.Equal(25.50m, refund.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", refund.GetProperty("amount").GetProperty("currency").GetString());
        Assert.Equal(25.50m, refund.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
        Assert.Equal("Refunded", refund.GetProperty("status").GetString());
        Assert.Equal(["authorisation", "capture", "refund"], LedgerKinds(paymentId));
    }

    [Fact]
    public async Task Partial_refunds_add_up_to_the_capture_and_no_further()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);

        var first = await Refunded(await _client.RefundAsync(paymentId, Body(10m), NewKey()));
        var second = await Refunded(await _client.RefundAsync(paymentId, Body(15.50m), NewKey()));
        var third = await _client.RefundAsync(paymentId, Body(0.01m), NewKey());

        Assert.Equal(("PartiallyRefunded", 10m), (first.GetProperty("status").GetString(), first.GetProperty("refundedTotal").GetProperty("amount").GetDecimal()));
        Assert.Equal(("Refunded", 25.50m), (second.GetProperty("status").GetString(), second.GetProperty("refundedTotal").GetProperty("amount").GetDecimal()));
        await third.AssertProblemAsync(HttpStatusCode.Conflict, "refund-exceeds-capture");
        Assert.Equal(["authorisation", "capture", "refund", "refund"], LedgerKinds(paymentId));
        Assert.Equal(25.50m, RefundedInLedger(paymentId));
    }

    [Fact]
    public async Task A_refund_above_the_capture_is_refused_and_changes_nothing()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);

        var response = await _client.RefundAsync(paymentId, Body(25.51m), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "refund-exceeds-capture");
        Assert.Equal(["authorisation", "capture"], LedgerKinds(paymentId));
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task Concurrent_refunds_never_exceed_the_capture()
    {
        var paymentId = await _client.ChargeAsync(amount: 10m);

        // 20 refunds of 1.00 each against a capture of 10.00, all at once: exactly ten can succeed.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => _client.RefundAsync(paymentId, Body(1m), NewKey())));

        Assert.Equal(10, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "refund-exceeds-capture");
        }
        Assert.Equal(10m, RefundedInLedger(paymentId));
        Assert.Equal(10, LedgerKinds(paymentId).Count(k => k == "refund"));
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/{paymentId}", TestContext.Current.CancellationToken);
        Assert.Equal(10m, detail.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_same_refund_and_moves_money_once()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        var key = NewKey();

        var first = await _client.RefundAsync(paymentId, Body(5m), key);
        var second = await _client.RefundAsync(paymentId, Body(5m), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(
            await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(5m, RefundedInLedger(paymentId));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        var paymentId = await _client.ChargeAsync(amount: 25.50m);
        var otherPaymentId = await _client.ChargeAsync(amount: 25.50m);
        var key = NewKey();
        await _client.RefundAsync(paymentId, Body(5m), key);

        var otherAmount = await _client.RefundAsync(paymentId, Body(6m), key);
        var otherPayment = await _client.RefundAsync(otherPaymentId, Body(5m), key);

        await otherAmount.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        await otherPayment.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        Assert.Equal(5m, RefundedInLedger(paymentId));
        Assert.Equal(0m, RefundedInLedger(otherPaymentId));
    }

    [Theory]
    [InlineData("4000000000000002")]
    [InlineData("4000000000009995")]
    public async Task A_declined_payment_cannot_be_refunded(string number)
    {
        var paymentId = await _client.ChargeAsync(number);

        var response = await _client.RefundAsync(paymentId, Body(1m), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "not-captured");
        Assert.Equal(["authorisation-declined"], LedgerKinds(paymentId));
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task A_payment_still_in_progress_cannot_be_refunded()
    {
        var paymentId = Guid.NewGuid();
        using (var db = service.OpenDatabase())
        {
            db.Execute(
                """
                INSERT INTO payments (id, order_id, user_id, amount, currency, status, card_last4, idempotency_key, request_fingerprint, created_at)
                VALUES (@id, @orderId, @userId, '10', 'USD', 'Pending', '4242', @key, 'x', '2026-01-01 00:00:00.0000000+00:00')
                """,
                new { id = Id(paymentId), orderId = Id(Guid.NewGuid()), userId = Id(Guid.NewGuid()), key = NewKey() });
        }

        var response = await _client.RefundAsync(paymentId, Body(1m), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "not-captured");
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task An_unknown_payment_is_a_404()
    {
        var response = await _client.RefundAsync(Guid.NewGuid(), Body(1m), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData(0, "USD")]
    [InlineData(-5, "USD")]
    [InlineData(1.005, "USD")]
    [InlineData(10, "usd")]
    [InlineData(10, "DOLLARS")]
    public async Task Bad_amounts_are_rejected_with_a_400(decimal amount, string currency)
    {
        var paymentId = await _client.ChargeAsync();

        var response = await _client.RefundAsync(paymentId, Body(amount, currency), NewKey());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Amount", out _), $"the problem names Amount: {problem}");
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task A_missing_or_malformed_body_is_a_400()
    {
        var paymentId = await _client.ChargeAsync();

        var noAmount = await _client.RefundAsync(paymentId, new { }, NewKey());
        var notMoney = await _client.RefundAsync(paymentId, new { amount = "ten" }, NewKey());

        await noAmount.AssertProblemAsync(HttpStatusCode.BadRequest);
        await notMoney.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task A_refund_in_another_currency_is_unprocessable()
    {
        var paymentId = await _client.ChargeAsync();

        var response = await _client.RefundAsync(paymentId, Body(1m, "EUR"), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "currency-mismatch");
        Assert.Equal(0, RefundRows(paymentId));
    }

    [Fact]
    public async Task A_refund_without_an_idempotency_key_is_a_400()
    {
        var paymentId = await _client.ChargeAsync();

        var response = await _client.RefundAsync(paymentId, Body(1m), idempotencyKey: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-required");
        Assert.Equal(0, RefundRows(paymentId));
    }

    private static async Task<JsonElement> Refunded(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private static string Id(Guid id) => id.ToString().ToUpperInvariant();

    private List<string> LedgerKinds(Guid paymentId)
    {
        using var db = service.OpenDatabase();
        return db.Query<string>("SELECT kind FROM ledger_entries WHERE payment_id = @id ORDER BY at, id", new { id = Id(paymentId) }).ToList();
    }

    private decimal RefundedInLedger(Guid paymentId)
    {
        using var db = service.OpenDatabase();
        return db.Query<string>("SELECT amount FROM ledger_entries WHERE payment_id = @id AND kind = 'refund'", new { id = Id(paymentId) })
            .Sum(a => decimal.Parse(a, System.Globalization.CultureInfo.InvariantCulture));
    }

    private long RefundRows(Guid paymentId)
    {
        using var db = service.OpenDatabase();
        return db.ExecuteScalar<long>("SELECT COUNT(*) FROM refunds WHERE payment_id = @id", new { id = Id(paymentId) });
    }
}
