using Bazaar.Bench.Running;
using Bazaar.Bench.Scenarios;
using Xunit;

namespace Bazaar.Bench.Tests;

/// <summary>The scenarios end to end over real HTTP against a fake platform on 127.0.0.1.</summary>
public sealed class ScenarioTests
{
    private static RunPlan Plan(double rate, double seconds) => new(rate, TimeSpan.FromSeconds(seconds), TimeSpan.Zero, 1_000);

    [Fact]
    public async Task The_mix_prepares_users_and_carts_then_sends_every_request_type_without_errors()
    {
        await using var platform = await FakePlatform.StartAsync();
        using var http = new BenchHttp(platform.Address, 16, TimeSpan.FromSeconds(10));
        var scenario = await ScenarioCatalog.PrepareAsync("mix", http, users: 6, products: 100, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(6, platform.Registered.Count);
        var summary = await new LoadRun(TimeProvider.System, TextWriter.Null).RunAsync("mix", scenario, Plan(190, 1), TestContext.Current.CancellationToken);

        Assert.False(summary.Failed, summary.Verdict);
        var succeeded = summary.Types.ToDictionary(type => type.Name, type => type.Succeeded);
        // 190 scheduled requests are ten whole cycles of 19.
        Assert.Equal(10, succeeded["home-listing"]);
        Assert.Equal(20, succeeded["search"]);
        Assert.Equal(100, succeeded["product-detail"]);
        Assert.Equal(20, succeeded["add-to-cart"]);
        Assert.Equal(30, succeeded["view-cart"]);
        Assert.Equal(10, succeeded["checkout"]);
        Assert.Equal(10, succeeded["refill-cart"]);
        Assert.Equal(10, platform.IdempotencyKeys.Count);
    }

    [Fact]
    public async Task Checkout_uses_a_new_idempotency_key_per_order_and_counts_paid_orders()
    {
        await using var platform = await FakePlatform.StartAsync();
        using var http = new BenchHttp(platform.Address, 16, TimeSpan.FromSeconds(10));
        var scenario = await ScenarioCatalog.PrepareAsync("checkout", http, users: 4, products: 100, TextWriter.Null, TestContext.Current.CancellationToken);

        var summary = await new LoadRun(TimeProvider.System, TextWriter.Null).RunAsync("checkout", scenario, Plan(50, 1), TestContext.Current.CancellationToken);

        Assert.False(summary.Failed, summary.Verdict);
        Assert.Equal(50, summary.Types.Single(type => type.Name == "checkout").Succeeded);
        Assert.Equal(50, platform.IdempotencyKeys.Count);
        Assert.All(platform.IdempotencyKeys.Values, uses => Assert.Equal(1, uses));
    }

    [Fact]
    public async Task Preparation_fails_loudly_when_the_platform_is_not_there()
    {
        using var http = new BenchHttp(new Uri("http://127.0.0.1:1"), 4, TimeSpan.FromSeconds(5));

        var failure = await Assert.ThrowsAsync<PreparationException>(() =>
            ScenarioCatalog.PrepareAsync("browse", http, users: 1, products: 10, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Contains("cannot be reached", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task No_cache_asks_every_cache_on_the_way_for_a_fresh_answer(bool noCache)
    {
        var asked = new List<bool>();
        using var http = new BenchHttp(new Uri("http://127.0.0.1:1"), 4, TimeSpan.FromSeconds(5), new FakeHandler((request, _) =>
        {
            lock (asked) asked.Add(request.Headers.CacheControl?.NoCache == true);
            return FakeHandler.Json(System.Net.HttpStatusCode.OK, "{}");
        }), noCache);

        await http.SendAsync(0, Requests.Get(http.Url("/api/products/1")), System.Net.HttpStatusCode.OK, TestContext.Current.CancellationToken);

        Assert.Equal([noCache], asked);
    }
}
