using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Payments.Tests;

public sealed class ChargeCancelRaceTests(PaymentsFactory service) : IClassFixture<PaymentsFactory>
{
    [Fact]
    public async Task A_charge_racing_a_cancel_never_leaves_money_taken_on_a_closed_order()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = service.CreateClient();
        var orders = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();

        // Half pay with the slow card (50 ms here), so some cancels find the payment in flight.
        var races = await Task.WhenAll(orders.Select(async (orderId, i) =>
        {
            var card = i % 2 == 0 ? ChargeRequests.GoodCard : "4000000000000077";
            var charge = client.PostAsync(ChargeRequests.Body(orderId, Guid.NewGuid(), card, amount: 9.99m), "race-" + orderId);
            var cancel = client.CancelOrderAsync(orderId);
            await Task.WhenAll(charge, cancel);
            return (OrderId: orderId, Charge: await charge, Cancel: await cancel);
        }));

        foreach (var (orderId, charge, cancel) in races)
        {
            try
            {
                await AssertSettledAsync(orderId, charge, cancel);
            }
            catch (Exception failure) when (failure is Xunit.Sdk.IAssertionException)
            {
                // Say which interleaving broke it: a race is not rerun at will.
                throw new Xunit.Sdk.XunitException($"order {orderId}: charge {(int)charge.StatusCode} {await charge.Content.ReadAsStringAsync(ct)}, " +
                    $"cancel {(int)cancel.StatusCode} {await cancel.Content.ReadAsStringAsync(ct)}\n{failure.Message}");
            }
        }

        // Whatever the interleaving: a closed order never keeps captured money.
        foreach (var orderId in orders)
        {
            var status = await client.GetFromJsonAsync<JsonElement>($"/internal/payments/orders/{orderId}", ct);
            using var db = service.OpenDatabase();
            Assert.Contains(status.GetProperty("state").GetString(), db.IsClosed(orderId) ? ["Closed", "Refunded"] : new[] { "Captured" });
        }
    }

    private async Task AssertSettledAsync(Guid orderId, HttpResponseMessage charge, HttpResponseMessage cancel)
    {
        using var db = service.OpenDatabase();
        if (cancel.StatusCode == HttpStatusCode.Conflict)
        {
            // The charge had claimed the order: it was not closed, and the charge went through.
            await cancel.AssertProblemAsync(HttpStatusCode.Conflict, "payment-in-progress");
            Assert.Equal(HttpStatusCode.Created, charge.StatusCode);
            Assert.False(db.IsClosed(orderId));
            return;
        }

        var closed = await cancel.OkJsonAsync();
        Assert.True(db.IsClosed(orderId));
        if (closed.GetProperty("state").GetString() == "Closed")
        {
            // The close landed first: the charge was refused and the provider never saw it.
            await charge.AssertProblemAsync(HttpStatusCode.Conflict, "order-closed");
            Assert.Empty(db.LedgerKindsOfOrder(orderId));
        }
        else
        {
            // The charge captured first: the cancel gave it all back.
            Assert.Equal("Refunded", closed.GetProperty("state").GetString());
            Assert.Equal(HttpStatusCode.Created, charge.StatusCode);
            Assert.Equal(9.99m, closed.AmountOf("refunded"));
            Assert.Equal(["authorisation", "capture", "refund"], db.LedgerKindsOfOrder(orderId).Order(StringComparer.Ordinal));
        }
    }
}
