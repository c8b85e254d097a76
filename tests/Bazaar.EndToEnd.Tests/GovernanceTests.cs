using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>The traffic policy with real processes: a killed replica, a slow service, a failing
/// version, version routing and the retry budget, all through the real gateway.</summary>
[Collection(GovernedShopCollection.Name)]
public sealed class GovernanceTests(GovernedShop shop, ITestOutputHelper output)
{
    private const string RecommendationRoute = "/api/recommendations/products/{sku}";

    [Fact]
    public async Task Killing_one_of_three_replicas_under_steady_reads_fails_almost_nothing_and_heals()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("{}");
        var products = await ProductIdsAsync(ct);
        var next = 0;
        var load = SteadyLoad.Start(4, TimeSpan.Zero,
            token => shop.Client.GetAsync($"/api/products/{products[Interlocked.Increment(ref next) % products.Count]}", token), ct);

        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var victim = shop.ReadyReplicaOf("product-service");
        Process.GetProcessById(victim.GetProperty("pid").GetInt32()).Kill();
        await Task.Delay(TimeSpan.FromSeconds(8), ct);
        var outcomes = await load.StopAsync();

        var failed = outcomes.Count(status => status != HttpStatusCode.OK);
        output.WriteLine($"{outcomes.Count} reads: {SteadyLoad.Describe(outcomes)}");
        Assert.True(outcomes.Count > 200, $"only {outcomes.Count} reads were made");
        Assert.True(failed <= outcomes.Count / 1000, $"{failed} of {outcomes.Count} reads failed");
        await Eventually.HoldsAsync(() => Task.FromResult(shop.Replicas().Count(r => r.GetProperty("service").GetString() == "product-service" && r.GetProperty("state").GetString() == "Ready")),
            ready => ready == 3, "the killed replica is back", ct, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task A_slow_recommendation_service_leaves_product_pages_fast_and_marked_degraded()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("""
            { "services": { "recommendation-service": { "timeout": "300ms",
                "fault": { "delay": { "percentage": 100, "fixedDelay": "2s" } } } } }
            """);
        var product = (await ProductIdsAsync(ct))[0];

        var page = await Eventually.HoldsAsync(async () => await shop.Client.GetAsync($"/api/storefront/products/{product}", ct),
            response => response.Headers.Contains("Bazaar-Degraded"), "product pages are served without the slow recommendations", ct);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("recommendations", page.Headers.GetValues("Bazaar-Degraded").Single());
        var body = await page.Content.ReadFromJsonAsync<JsonElement>(ct);
        Assert.Equal(product, body.GetProperty("product").GetProperty("id").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("recommendations").ValueKind);
        var metrics = await shop.Client.GetStringAsync("/metrics", ct);
        Assert.Contains(metrics.Split('\n'), line => line.StartsWith("bazaar_degraded_total{", StringComparison.Ordinal) && line.Contains("part=\"recommendations\"", StringComparison.Ordinal));
        // The gateway's latency metric has the page's route, and every one of its requests ended
        // in well under the 2 s the recommendations took: the buckets up to 1 s hold them all.
        var count = PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", "/api/storefront/products/{id:guid}");
        var underOneSecond = PrometheusText.Sum(metrics, "http_server_request_duration_seconds_bucket", "/api/storefront/products/{id:guid}", "le=\"1\"");
        Assert.True(count > 0);
        Assert.Equal(count, underOneSecond);
    }

    [Fact]
    public async Task A_version_failing_half_its_requests_is_ejected_and_returns_once_healthy()
    {
        var ct = TestContext.Current.CancellationToken;
        const string outliers = """ "outlierDetection": { "consecutive5xxErrors": 3, "interval": "1s", "baseEjectionTime": "3s", "maxEjectionPercent": 50 } """;
        shop.WritePolicy($$"""
            { "services": { "recommendation-service": { {{outliers}}, "retries": { "attempts": 0 },
                "fault": { "subset": "v2", "abort": { "percentage": 50, "httpStatus": 500 } } } } }
            """);
        var sku = await SkuAsync(ct);

        var ejected = await Eventually.HoldsAsync(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                (await shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", ct)).Dispose();
            }
            return await GatewayReplicaAsync("recommendation-service", shop.ReplicaUrl("recommendation-service-v2-0"), ct);
        }, replica => replica.GetProperty("ejections").GetInt64() > 0, "the failing version is ejected", ct);
        Assert.True(ejected.GetProperty("ejections").GetInt64() > 0);

        shop.WritePolicy($$"""{ "services": { "recommendation-service": { {{outliers}} } } }""");
        var before = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct);
        await Eventually.HoldsAsync(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                (await shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", ct)).Dispose();
            }
            return await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct);
        }, served => served > before + 3, "the healed version takes traffic again", ct);
        var back = await GatewayReplicaAsync("recommendation-service", shop.ReplicaUrl("recommendation-service-v2-0"), ct);
        Assert.False(back.GetProperty("ejected").GetBoolean());
    }

    [Fact]
    public async Task A_header_sends_requests_to_one_version_and_weights_send_none_to_a_version_at_zero()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("""
            { "services": { "recommendation-service": { "routes": [
                { "match": { "headers": { "x-bazaar-version": "v2" } }, "route": [ { "subset": "v2" } ] },
                { "route": [ { "subset": "v1", "weight": 100 }, { "subset": "v2", "weight": 0 } ] } ] } } }
            """);
        var sku = await SkuAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct); // every process has reloaded the policy by now (well under a second)
        var v1Before = await shop.ServedAsync("recommendation-service-0", RecommendationRoute, ct);
        var v2Before = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct);

        for (var i = 0; i < 30; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/recommendations/products/{sku}?unknown=popular");
            request.Headers.Add("x-bazaar-version", "v2");
            Assert.Equal(HttpStatusCode.OK, (await shop.Client.SendAsync(request, ct)).StatusCode);
        }
        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", ct)).StatusCode);
        }

        Assert.Equal(30, await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct) - v2Before);
        Assert.Equal(30, await shop.ServedAsync("recommendation-service-0", RecommendationRoute, ct) - v1Before);
    }

    [Fact]
    public async Task Weights_of_90_and_10_split_anonymous_traffic_and_a_signed_in_shopper_stays_on_one_version()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("""
            { "services": { "recommendation-service": { "routes": [
                { "route": [ { "subset": "v1", "weight": 90 }, { "subset": "v2", "weight": 10 } ] } ] } } }
            """);
        var sku = await SkuAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var v2Before = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct);
        const int requests = 2000;

        for (var i = 0; i < requests; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", ct)).StatusCode);
        }

        var toV2 = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct) - v2Before;
        output.WriteLine($"{toV2} of {requests} anonymous requests reached v2");
        // 10% of 2000 has a standard deviation of 13.4; 50 requests is over three and a half of them.
        Assert.InRange(toV2, 150, 250);

        var shoppers = new List<Shopper>();
        for (var i = 0; i < 6; i++)
        {
            shoppers.Add(await Shopper.SignUpAsync(shop.Client, ct));
        }
        foreach (var shopper in shoppers)
        {
            var before = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct);
            for (var i = 0; i < 10; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await shopper.SendAsync(HttpMethod.Get, $"/api/recommendations/products/{sku}?unknown=popular", ct: ct)).StatusCode);
            }
            var onV2 = await shop.ServedAsync("recommendation-service-v2-0", RecommendationRoute, ct) - before;
            Assert.True(onV2 is 0 or 10, $"a shopper's 10 requests were split {10 - onV2}/{onV2} between the versions");
        }
    }

    [Fact]
    public async Task Sign_ins_from_one_address_beyond_the_routes_limit_get_429_with_retry_after()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("""
            { "gateway": { "routes": { "users": { "rateLimit": { "perClientIp": { "tokensPerSecond": 0.2, "burst": 3 } } } } } }
            """);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await shop.Client.PostAsJsonAsync("/api/users/login", new { email = "nobody@example.com", password = "wrong password" }, ct));
        }

        Assert.Equal(3, answers.Count(answer => answer.StatusCode == HttpStatusCode.Unauthorized));
        var limited = answers.Where(answer => answer.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.Equal(2, limited.Count);
        Assert.All(limited, answer => Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        shop.WritePolicy("{}");
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
    }

    [Fact]
    public async Task Retries_stay_within_the_budget_while_a_whole_service_fails()
    {
        var ct = TestContext.Current.CancellationToken;
        // Every request of both versions fails with a 503 the gateway would retry; no reserve, so
        // only the 20% every request earns (and what the budget held before) can be spent.
        shop.WritePolicy("""
            { "services": { "recommendation-service": {
                "retries": { "attempts": 2, "retryOn": ["unavailable"] },
                "retryBudget": { "budgetPercent": 20, "minRetriesPerSecond": 0 },
                "outlierDetection": { "consecutive5xxErrors": 1000 },
                "fault": { "abort": { "percentage": 100, "httpStatus": 503 } } } } }
            """);
        var sku = await SkuAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        string[] replicas = ["recommendation-service-0", "recommendation-service-v2-0"];
        var before = await ServedEverywhereAsync(replicas, ct);
        const int requests = 300;

        for (var i = 0; i < requests; i++)
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", ct)).StatusCode);
        }

        var attempts = await ServedEverywhereAsync(replicas, ct) - before;
        output.WriteLine($"{requests} requests reached the replicas as {attempts} attempts");
        // The budget starts full: at most one retry of reserve (minRetriesPerSecond 0 holds 1).
        Assert.InRange(attempts, requests, requests * 1.2 + 1);
        shop.WritePolicy("{}");
    }

    private async Task<long> ServedEverywhereAsync(string[] replicas, CancellationToken ct)
    {
        long total = 0;
        foreach (var replica in replicas)
        {
            total += await shop.ServedAsync(replica, RecommendationRoute, ct);
        }
        return total;
    }

    private async Task<JsonElement> GatewayReplicaAsync(string service, string url, CancellationToken ct)
    {
        var status = await shop.Client.GetFromJsonAsync<JsonElement>("/internal/governance", ct);
        var upstream = status.GetProperty("upstreams").EnumerateArray().Single(u => u.GetProperty("service").GetString() == service);
        return upstream.GetProperty("replicas").EnumerateArray().First(r => r.GetProperty("address").GetString()!.StartsWith(url, StringComparison.Ordinal));
    }

    private async Task<List<string>> ProductIdsAsync(CancellationToken ct)
    {
        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=50", ct);
        return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()!)];
    }

    private async Task<string> SkuAsync(CancellationToken ct)
    {
        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=1", ct);
        return page.GetProperty("items")[0].GetProperty("sku").GetString()!;
    }
}
