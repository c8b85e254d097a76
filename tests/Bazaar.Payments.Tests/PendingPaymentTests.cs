using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

/// <summary>A payment left Pending (a crash, a lost answer) is settled by asking the provider, so it
/// never holds its order for ever.</summary>
public sealed class PendingPaymentTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task A_pending_payment_the_provider_never_authorised_is_abandoned_and_the_order_can_be_paid_again()
    {
        var orderId = Guid.NewGuid();
        Guid paymentId;
        using (var db = service.OpenDatabase())
        {
            paymentId = db.InsertPendingPayment(orderId, service.Clock.GetUtcNow());
        }

        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter - TimeSpan.FromSeconds(1));
        await service.SweepAsync();
        var blocked = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        await blocked.AssertProblemAsync(HttpStatusCode.Conflict, "order-already-paid");

        service.Clock.Advance(TimeSpan.FromSeconds(2));
        await service.SweepAsync();

        using (var db = service.OpenDatabase())
        {
            Assert.Equal("Abandoned", db.PaymentStatus(paymentId));
            Assert.Empty(db.LedgerKindsOfOrder(orderId)); // no money moved: nothing in the ledger
        }
        var second = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        var status = await _client.GetFromJsonAsync<JsonElement>($"/internal/payments/orders/{orderId}", TestContext.Current.CancellationToken);
        Assert.Equal("Captured", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_charge_that_never_reached_the_provider_is_abandoned_and_the_same_key_charges_afresh()
    {
        var orderId = Guid.NewGuid();
        var key = NewKey();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid());
        service.Provider.FailNextAuthorisationBeforeItArrives();
        var failed = await _client.PostAsync(body, key);
        await failed.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");

        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter + TimeSpan.FromSeconds(1));
        await service.SweepAsync();

        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Abandoned"], db.PaymentStatusesOfOrder(orderId));
            Assert.Empty(db.LedgerKindsOfOrder(orderId));
        }
        var retry = await _client.PostAsync(body, key);
        var again = await _client.PostAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        var payment = await retry.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("Captured", payment.GetProperty("status").GetString());
        Assert.Equal(await retry.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await again.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var after = service.OpenDatabase();
        Assert.Equal(["Abandoned", "Captured"], after.PaymentStatusesOfOrder(orderId));
        Assert.Equal(["authorisation", "capture"], after.LedgerKindsOfOrder(orderId).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(ChargeRequests.GoodCard, "Captured", new[] { "authorisation", "capture" })]
    [InlineData("4000000000000002", "Declined", new[] { "authorisation-declined" })]
    public async Task A_payment_whose_answer_was_lost_is_settled_as_the_provider_decided(string number, string status, string[] ledger)
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var key = NewKey();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid(), number);
        service.Provider.LoseNextAuthorisationAnswer();

        var lost = await _client.PostAsync(body, key);
        await lost.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        Assert.NotNull(lost.Headers.RetryAfter);
        var meanwhile = await _client.PostAsync(body, key);
        await meanwhile.AssertProblemAsync(HttpStatusCode.Conflict, "payment-in-progress");

        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter + TimeSpan.FromSeconds(1));
        await service.SweepAsync();

        var retry = await _client.PostAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(status, (await retry.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
        using var db = service.OpenDatabase();
        Assert.Equal(ledger, db.LedgerKindsOfOrder(orderId).Order(StringComparer.Ordinal)); // one timestamp on the frozen clock
    }

    [Fact]
    public async Task A_payment_the_provider_is_still_deciding_is_left_alone()
    {
        var ct = TestContext.Current.CancellationToken;
        var orderId = Guid.NewGuid();
        var held = service.Provider.HoldNextAuthorisation(reachedProvider: true);
        var charging = _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), NewKey());
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30), ct);

        service.Clock.Advance(ScriptedPaymentsFactory.PendingAfter + TimeSpan.FromSeconds(1));
        await service.SweepAsync();
        using (var db = service.OpenDatabase())
        {
            Assert.Equal(["Pending"], db.PaymentStatusesOfOrder(orderId));
        }

        held.Release();
        var charged = await charging;
        Assert.Equal(HttpStatusCode.Created, charged.StatusCode);
        Assert.Equal("Captured", (await charged.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
    }
}
