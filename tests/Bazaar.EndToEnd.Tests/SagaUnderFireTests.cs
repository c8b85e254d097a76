using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>The issue's proof of the checkout saga: hundreds of orders from many shoppers, on
/// stock that sells out part-way, some cards declined and some paid orders cancelled, while
/// order-, product- and payment-service processes are SIGKILLed at random. Once the Host has restarted them and the
/// sagas have settled, every invariant must hold, and delivering everything twice changes nothing.</summary>
[Collection(ShopCollection.Name)]
public sealed class SagaUnderFireTests(RunningShop shop, ITestOutputHelper output)
{
    private const int Shoppers = 50;
    private const int OrdersEach = 10;
    private const string GoodCard = "4242424242424242";
    private const string DeclinedCard = "4000000000000002";
    private static readonly string[] Settled = ["Paid", "Fulfilling", "Shipped", "Delivered", "Cancelled", "PaymentFailed"];
    private static readonly string[] PaidOrBeyond = ["Paid", "Fulfilling", "Shipped", "Delivered"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Orders_placed_while_services_are_killed_all_settle_with_every_invariant_holding()
    {
        var products = await ScarceProductsAsync(6);
        var stockBefore = products.ToDictionary(p => p.Sku, p => p.Available);
        output.WriteLine($"stock before: {string.Join(", ", stockBefore.Select(s => $"{s.Key}={s.Value}"))} (demand {Shoppers * OrdersEach})");
        // A few at a time: password hashing is meant to be slow, and this is not a load test of sign-up.
        var shoppers = new ConcurrentBag<Shopper>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Shoppers), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct },
            async (_, token) => shoppers.Add(await Shopper.SignUpAsync(shop.Client, token)));

        using var stopKilling = new CancellationTokenSource();
        var killer = new Killer(shop, ["order-service", "product-service", "payment-service"], TimeSpan.FromSeconds(4), seed: 4);
        var killing = killer.RunAsync(stopKilling.Token);
        var answers = new ConcurrentBag<string>();
        var attempts = new ConcurrentBag<Attempt>();
        await Task.WhenAll(shoppers.Select((shopper, i) => ShopAsync(shopper, i, products, attempts, answers)));
        await stopKilling.CancelAsync();
        await killing;
        output.WriteLine($"kills: {string.Join(", ", killer.Kills)}");
        output.WriteLine("answers: " + string.Join(", ", answers.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}")));
        Assert.True(killer.Kills.Count >= 3, "the storm killed too little to prove anything");
        Assert.Contains("409 insufficient-stock", answers); // the stock did sell out part-way

        // Every accepted order settles once services are up, and then every invariant holds.
        await Eventually.HoldsAsync(() => Task.FromResult(Killer.AllReady(shop)), ready => ready, "every replica ready again", Ct);
        var ledger = await Eventually.HoldsAsync(() => ReadLedgerAsync([.. shoppers], products), ledger => ledger.Problems.Count == 0,
            "every order settled, paid once or refunded, and every unit accounted for", Ct, within: TimeSpan.FromMinutes(3));
        output.WriteLine($"{ledger.Orders.Count} orders: " + string.Join(", ", ledger.Orders.GroupBy(o => o.Status).Select(g => $"{g.Key} {g.Count()}")));
        Assert.True(ledger.Orders.Count >= Shoppers * OrdersEach / 2, "most checkouts should have placed an order");

        // Delivering everything twice changes nothing: every checkout request again with its key...
        foreach (var attempt in attempts.Where(a => a.OrderId is not null))
        {
            var again = await attempt.Shopper.CheckOutAsync(attempt.Key, Ct, attempt.Card);
            Assert.True(again.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict or HttpStatusCode.PaymentRequired,
                $"replaying {attempt.Key}: {(int)again.StatusCode} {await again.Content.ReadAsStringAsync(Ct)}");
        }
        // ...and every order event to the services that consume them.
        // The model answers from lists refreshed in memory every half second: read them once the
        // consumer has caught up and the lists have been refreshed since.
        await Eventually.HoldsAsync(() => EventLog.PartitionsBehindAsync(shop, "orders", "recommendation-service"), behind => behind == 0, "recommendation-service caught up", Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var recommendationsBefore = await RecommendationsAsync(products);
        foreach (var group in new[] { "cart-service", "recommendation-service" }) await RewindAsync(group);
        foreach (var group in new[] { "cart-service", "recommendation-service" })
        {
            await Eventually.HoldsAsync(() => EventLog.PartitionsBehindAsync(shop, "orders", group), behind => behind == 0, $"{group} replayed the orders stream", Ct);
        }
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);
        var after = await ReadLedgerAsync([.. shoppers], products);
        Assert.Empty(after.Problems);
        Assert.Equal(ledger.Orders.OrderBy(o => o.Id).Select(o => (o.Id, o.Status)), after.Orders.OrderBy(o => o.Id).Select(o => (o.Id, o.Status)));
        Assert.Equal(ledger.NetCaptured, after.NetCaptured);
        Assert.Equal(recommendationsBefore, await RecommendationsAsync(products));
    }

    /// <summary>One shopper's orders, one at a time (an order takes the whole cart): one unit of a
    /// random product, mostly good cards, retried with the same key as a real client would.</summary>
    private async Task ShopAsync(Shopper shopper, int index, IReadOnlyList<Product> products, ConcurrentBag<Attempt> attempts, ConcurrentBag<string> answers)
    {
        var random = new Random(index);
        for (var i = 0; i < OrdersEach; i++)
        {
            var product = products[random.Next(products.Count)];
            var card = random.Next(100) < 15 ? DeclinedCard : GoodCard;
            await PersistAsync(() => shopper.SendAsync(HttpMethod.Delete, "/api/cart", ct: Ct));
            await PersistAsync(() => shopper.SendAsync(HttpMethod.Put, $"/api/cart/items/{product.Sku}", new { quantity = 1 }, ct: Ct));
            var attempt = new Attempt(shopper, Guid.NewGuid().ToString(), card);
            attempts.Add(attempt);
            for (var retry = 0; retry < 8; retry++)
            {
                var (status, body) = await TryCheckoutAsync(shopper, attempt);
                answers.Add(status is null ? "no answer" : $"{(int)status} {Slug(body)}");
                if (body.ValueKind == JsonValueKind.Object && (body.TryGetProperty("orderId", out var id) || body.TryGetProperty("id", out id)) && id.ValueKind == JsonValueKind.String)
                {
                    attempt.OrderId = id.GetString();
                }
                if (status is HttpStatusCode.Created or HttpStatusCode.OK)
                {
                    await WaitForEmptyCartAsync(shopper);
                    // Some shoppers change their mind: a refund and the goods back on the shelf, under fire too.
                    if (random.Next(100) < 10) await PersistAsync(() => shopper.SendAsync(HttpMethod.Post, $"/api/orders/{attempt.OrderId}/cancel", ct: Ct));
                    break;
                }
                if (status is not null && (int)status < 500) break;
                await Task.Delay(500, Ct);
            }
        }
    }

    private static async Task<(HttpStatusCode? Status, JsonElement Body)> TryCheckoutAsync(Shopper shopper, Attempt attempt)
    {
        try
        {
            using var response = await shopper.CheckOutAsync(attempt.Key, Ct, attempt.Card);
            var text = await response.Content.ReadAsStringAsync(Ct);
            return (response.StatusCode, text.Length > 0 && text[0] == '{' ? JsonDocument.Parse(text).RootElement.Clone() : default);
        }
        catch (HttpRequestException)
        {
            return (null, default);
        }
    }

    /// <summary>A paid order's cart is emptied by the cart-service when it hears of the payment;
    /// waiting for that keeps it from emptying the next order's cart too.</summary>
    private static async Task WaitForEmptyCartAsync(Shopper shopper)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            var cart = await shopper.SendAsync(HttpMethod.Get, "/api/cart", ct: Ct);
            if (cart.IsSuccessStatusCode && (await cart.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("lines").GetArrayLength() == 0) return;
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>Retries a call that a killed service or a restarting gateway route could not answer (5xx).</summary>
    private static async Task PersistAsync(Func<Task<HttpResponseMessage>> call)
    {
        for (var i = 0; ; i++)
        {
            try
            {
                using var response = await call();
                if ((int)response.StatusCode < 500 || i >= 40) return;
            }
            catch (HttpRequestException) when (i < 40)
            {
            }
            await Task.Delay(250, Ct);
        }
    }

    /// <summary>Every order of every shopper, with its payments, and what the invariants say about them.</summary>
    private async Task<Ledger> ReadLedgerAsync(IReadOnlyList<Shopper> shoppers, IReadOnlyList<Product> products)
    {
        try
        {
            return await ReadLedgerOnceAsync(shoppers, products);
        }
        catch (Exception exception) when (exception is HttpRequestException or Xunit.Sdk.XunitException)
        {
            // A replica still warming up behind the gateway: read again.
            return new Ledger([], 0, [exception.Message]);
        }
    }

    private async Task<Ledger> ReadLedgerOnceAsync(IReadOnlyList<Shopper> shoppers, IReadOnlyList<Product> products)
    {
        var problems = new List<string>();
        var orders = new List<OrderView>();
        decimal paidTotals = 0, captured = 0, refunded = 0;
        var sold = products.ToDictionary(p => p.Sku, _ => 0);
        foreach (var shopper in shoppers)
        {
            var page = await shopper.GetAsync("/api/orders?limit=100", Ct);
            foreach (var summary in page.GetProperty("items").EnumerateArray())
            {
                var id = summary.GetProperty("id").GetString()!;
                var order = await shopper.GetAsync($"/api/orders/{id}", Ct);
                var status = order.GetProperty("status").GetString()!;
                var total = order.GetProperty("total").GetProperty("amount").GetDecimal();
                orders.Add(new OrderView(id, status));
                var payments = (await shopper.GetAsync($"/api/payments?orderId={id}", Ct)).EnumerateArray()
                    .Where(p => p.GetProperty("status").GetString() == "Captured").ToList();
                var orderCaptured = payments.Sum(p => p.GetProperty("amount").GetProperty("amount").GetDecimal());
                var orderRefunded = payments.Sum(p => p.GetProperty("refundedTotal").GetProperty("amount").GetDecimal());
                captured += orderCaptured;
                refunded += orderRefunded;
                if (!Settled.Contains(status)) problems.Add($"order {id} is still {status}");
                if (payments.Count > 1) problems.Add($"order {id} was captured {payments.Count} times");
                if (PaidOrBeyond.Contains(status))
                {
                    paidTotals += total;
                    if (orderCaptured - orderRefunded != total) problems.Add($"order {id} is {status} but {orderCaptured - orderRefunded} of {total} is held");
                    foreach (var line in order.GetProperty("lines").EnumerateArray())
                    {
                        sold[line.GetProperty("sku").GetString()!] += line.GetProperty("quantity").GetInt32();
                    }
                }
                else if (orderCaptured != orderRefunded)
                {
                    problems.Add($"order {id} is {status} but {orderCaptured} was captured and only {orderRefunded} refunded");
                }
            }
        }
        if (captured - refunded != paidTotals) problems.Add($"captured {captured} - refunded {refunded} != paid orders' totals {paidTotals}");
        foreach (var product in products)
        {
            var now = (await shop.Client.GetFromJsonAsync<JsonElement>($"/api/products/{product.Id}", Ct)).GetProperty("available").GetInt32();
            if (sold[product.Sku] > product.Available) problems.Add($"{product.Sku}: {sold[product.Sku]} sold of {product.Available} in stock");
            if (now != product.Available - sold[product.Sku]) problems.Add($"{product.Sku}: {now} available, expected {product.Available} - {sold[product.Sku]} sold");
        }
        return new Ledger(orders, captured - refunded, problems);
    }

    /// <summary>The products with the least stock (but some), so that the storm sells them out part-way.</summary>
    private async Task<IReadOnlyList<Product>> ScarceProductsAsync(int count)
    {
        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=100", Ct);
        return page.GetProperty("items").EnumerateArray()
            .Select(p => new Product(p.GetProperty("id").GetString()!, p.GetProperty("sku").GetString()!, p.GetProperty("available").GetInt32()))
            .Where(p => p.Available >= 15)
            .OrderBy(p => p.Available)
            .Take(count)
            .ToList();
    }

    /// <summary>What is recommended for each product, in order (scores may decay with time; the ranking must not move).</summary>
    private async Task<string> RecommendationsAsync(IReadOnlyList<Product> products)
    {
        var answers = new List<string>();
        foreach (var product in products)
        {
            var answer = await shop.Client.GetFromJsonAsync<JsonElement>($"/api/recommendations/products/{product.Sku}", Ct);
            answers.Add(product.Sku + ": " + answer.GetProperty("strategy").GetString() + " "
                + string.Join(",", answer.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("sku").GetString())));
        }
        return string.Join("\n", answers);
    }

    /// <summary>Replays the whole orders stream to <paramref name="group"/>, through its service's own
    /// operator endpoint (never routed by the gateway).</summary>
    private async Task RewindAsync(string group)
    {
        var url = shop.ReadyReplicaOf(group).GetProperty("url").GetString()!;
        using var direct = new HttpClient { BaseAddress = new Uri(url) };
        var response = await direct.PostAsync($"/internal/messaging/streams/orders/groups/{group}/rewind?position=0", null, Ct);
        Assert.True(response.IsSuccessStatusCode, $"rewind {group}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private static string Slug(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("type", out var type) ? type.GetString()!.Replace("urn:bazaar:problem:", "", StringComparison.Ordinal) : "";

    private sealed record Product(string Id, string Sku, int Available);

    private sealed record OrderView(string Id, string Status);

    private sealed record Ledger(IReadOnlyList<OrderView> Orders, decimal NetCaptured, IReadOnlyList<string> Problems)
    {
        public override string ToString() => string.Join("\n", Problems.Take(20));
    }

    private sealed class Attempt(Shopper shopper, string key, string card)
    {
        public Shopper Shopper { get; } = shopper;
        public string Key { get; } = key;
        public string Card { get; } = card;
        public string? OrderId { get; set; }
    }
}
