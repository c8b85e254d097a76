using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Dapper;
using Xunit;

namespace Bazaar.Payments.Tests;

public sealed class ChargeApiTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    [Theory]
    [InlineData("4242424242424242", "Captured", null)]
    [InlineData("4000000000000002", "Declined", "card_declined")]
    [InlineData("4000000000009995", "Declined", "insufficient_funds")]
    [InlineData("4000000000000077", "Captured", null)]
    public async Task Each_test_card_has_its_outcome(string number, string status, string? declineCode)
    {
        var orderId = Guid.NewGuid();
        var response = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid(), number), NewKey());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(status, payment.GetProperty("status").GetString());
        Assert.Equal(declineCode, payment.GetProperty("declineCode").GetString());
        Assert.Equal(orderId, payment.GetProperty("orderId").GetGuid());
        Assert.Equal(number[^4..], payment.GetProperty("cardLast4").GetString());
        Assert.Equal(25.50m, payment.GetProperty("amount").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", payment.GetProperty("amount").GetProperty("currency").GetString());
    }

    [Fact]
    public async Task A_retry_with_the_same_key_returns_the_same_payment_and_captures_once()
    {
        var orderId = Guid.NewGuid();
        var key = NewKey();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid());

        var first = await _client.PostAsync(body, key);
        var second = await _client.PostAsync(body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(
            await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken),
            await second.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(["authorisation", "capture"], LedgerKinds(orderId));
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_a_conflict()
    {
        var orderId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        var key = NewKey();
        await _client.PostAsync(ChargeRequests.Body(orderId, userId, amount: 10m), key);

        var reused = await _client.PostAsync(ChargeRequests.Body(orderId, userId, amount: 11m), key);

        await reused.AssertProblemAsync(HttpStatusCode.Conflict, "idempotency-key-reused");
        Assert.Equal(["authorisation", "capture"], LedgerKinds(orderId));
    }

    [Fact]
    public async Task An_order_is_captured_at_most_once_whatever_the_key()
    {
        var orderId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsync(ChargeRequests.Body(orderId, userId), NewKey())).StatusCode);

        var second = await _client.PostAsync(ChargeRequests.Body(orderId, userId), NewKey());

        await second.AssertProblemAsync(HttpStatusCode.Conflict, "order-already-paid");
        Assert.Equal(["authorisation", "capture"], LedgerKinds(orderId));
    }

    [Fact]
    public async Task After_a_decline_the_order_can_be_paid_with_another_card()
    {
        var orderId = Guid.NewGuid();
        var userId = Guid.NewGuid();
        await _client.PostAsync(ChargeRequests.Body(orderId, userId, "4000000000000002"), NewKey());

        var retry = await _client.PostAsync(ChargeRequests.Body(orderId, userId), NewKey());

        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.Equal(["authorisation-declined", "authorisation", "capture"], LedgerKinds(orderId));
    }

    [Fact]
    public async Task An_unknown_card_is_unprocessable_and_stores_nothing()
    {
        var orderId = Guid.NewGuid();
        var response = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid(), "4111111111111111"), NewKey());

        await response.AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "unknown-card");
        using var db = service.OpenDatabase();
        Assert.Equal(0, db.ExecuteScalar<long>("SELECT COUNT(*) FROM payments WHERE order_id = @id", new { id = orderId.ToString().ToUpperInvariant() }));
    }

    [Theory]
    [InlineData("4242424242424241", 12, 1, "Card.Number")] // fails the Luhn check
    [InlineData("4242424242424242", 1, -1, "Card.ExpiryYear")] // expired last year
    [InlineData("4242-4242-4242", 12, 1, "Card.Number")]
    [InlineData("4242424242424242", 13, 1, "Card.ExpiryMonth")]
    public async Task Bad_cards_are_rejected_with_a_400(string number, int month, int yearsAhead, string field)
    {
        var orderId = Guid.NewGuid();
        var body = ChargeRequests.Body(orderId, Guid.NewGuid(), number, expiryMonth: month, expiryYear: DateTime.UtcNow.Year + yearsAhead);

        var response = await _client.PostAsync(body, NewKey());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        Assert.Empty(LedgerKinds(orderId));
    }

    [Theory]
    [InlineData(0, "USD")]
    [InlineData(-5, "USD")]
    [InlineData(1.005, "USD")]
    [InlineData(10, "usd")]
    public async Task Bad_amounts_are_rejected_with_a_400(decimal amount, string currency)
    {
        var response = await _client.PostAsync(ChargeRequests.Body(Guid.NewGuid(), Guid.NewGuid(), amount: amount, currency: currency), NewKey());

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Amount", out _));
    }

    [Fact]
    public async Task A_missing_card_or_order_id_is_a_400()
    {
        var noCard = await _client.PostAsync(new { orderId = Guid.NewGuid(), userId = Guid.NewGuid(), amount = new { amount = 5m, currency = "USD" } }, NewKey());
        await noCard.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");

        var noOrder = await _client.PostAsync(new { userId = Guid.NewGuid(), amount = new { amount = 5m, currency = "USD" }, card = new { number = ChargeRequests.GoodCard, expiryMonth = 1, expiryYear = 2099, cvc = "123" } }, NewKey());
        await noOrder.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task A_charge_without_an_idempotency_key_is_a_400()
    {
        var orderId = Guid.NewGuid();
        var response = await _client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid()), idempotencyKey: null);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "idempotency-key-required");
        Assert.Empty(LedgerKinds(orderId));
    }

    [Fact]
    public async Task Card_numbers_never_reach_the_database()
    {
        string[] numbers = ["4242424242424242", "4000000000000002", "4000000000009995", "4000000000000077", "4111111111111111"];
        foreach (var number in numbers)
        {
            await _client.PostAsync(ChargeRequests.Body(Guid.NewGuid(), Guid.NewGuid(), number), NewKey());
        }

        using var db = service.OpenDatabase();
        var tables = db.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table'").ToList();
        Assert.Contains("payments", tables);
        foreach (var table in tables)
        {
            foreach (IDictionary<string, object?> row in db.Query($"SELECT * FROM \"{table}\""))
            {
                foreach (var value in row.Values)
                {
                    var text = value switch { byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes), _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) };
                    Assert.DoesNotContain(numbers, number => text?.Contains(number, StringComparison.Ordinal) == true);
                    Assert.DoesNotContain(numbers, number => text?.Contains(number[..12], StringComparison.Ordinal) == true);
                }
            }
        }
    }

    [Fact]
    public void The_ledger_refuses_to_be_rewritten()
    {
        using var db = service.OpenDatabase();
        db.Execute("INSERT INTO ledger_entries (id, payment_id, kind, amount, currency, at) VALUES ('x', 'y', 'capture', '1', 'USD', 'now')");

        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => db.Execute("UPDATE ledger_entries SET amount = '2' WHERE id = 'x'"));
        Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(() => db.Execute("DELETE FROM ledger_entries WHERE id = 'x'"));
    }

    private List<string> LedgerKinds(Guid orderId)
    {
        using var db = service.OpenDatabase();
        return db.Query<string>(
            "SELECT l.kind FROM ledger_entries l JOIN payments p ON p.id = l.payment_id WHERE p.order_id = @id ORDER BY l.at, l.id",
            new { id = orderId.ToString().ToUpperInvariant() }).ToList();
    }
}
