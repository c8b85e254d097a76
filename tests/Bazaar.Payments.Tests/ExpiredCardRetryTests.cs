using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

/// <summary>A card is good through the last day of its expiry month; a retry of a charge accepted
/// before then is a replay, not a new charge, and must get the same answer after it.</summary>
public sealed class ExpiredCardRetryTests(ScriptedPaymentsFactory service) : IClassFixture<ScriptedPaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    /// <summary>A charge body with a card that expires at the end of the clock's current month.</summary>
    private object ExpiringThisMonth(Guid orderId)
    {
        var now = service.Clock.GetUtcNow();
        return ChargeRequests.Body(orderId, Guid.NewGuid(), expiryMonth: now.Month, expiryYear: now.Year);
    }

    private void MovePastTheEndOfTheMonth()
    {
        var now = service.Clock.GetUtcNow();
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        service.Clock.Advance(nextMonth - now + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_retry_after_the_card_expired_replays_the_capture()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey();
        var body = ExpiringThisMonth(Guid.NewGuid());
        var authorisations = service.Provider.Authorisations;
        var first = await _client.PostAsync(body, key);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);

        MovePastTheEndOfTheMonth();
        var retry = await _client.PostAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(ct), await retry.Content.ReadAsStringAsync(ct));
        Assert.Equal(authorisations + 1, service.Provider.Authorisations); // the retry never reached the provider
    }

    [Fact]
    public async Task A_retry_after_the_card_expired_while_the_charge_is_in_flight_is_told_it_is_in_progress()
    {
        var ct = TestContext.Current.CancellationToken;
        var key = NewKey();
        var body = ExpiringThisMonth(Guid.NewGuid());
        var held = service.Provider.HoldNextAuthorisation(reachedProvider: true);
        var charging = _client.PostAsync(body, key);
        await held.Entered.WaitAsync(TimeSpan.FromSeconds(30), ct);

        MovePastTheEndOfTheMonth();
        var retry = await _client.PostAsync(body, key);

        await retry.AssertProblemAsync(HttpStatusCode.Conflict, "payment-in-progress");
        held.Release();
        var charged = await charging;
        Assert.Equal(HttpStatusCode.Created, charged.StatusCode);
        Assert.Equal("Captured", (await charged.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_new_charge_with_the_expired_card_is_a_400()
    {
        var body = ExpiringThisMonth(Guid.NewGuid());
        MovePastTheEndOfTheMonth();
        var authorisations = service.Provider.Authorisations;

        var response = await _client.PostAsync(body, NewKey());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("Card.ExpiryYear", out _));
        Assert.Equal(authorisations, service.Provider.Authorisations);
    }
}
