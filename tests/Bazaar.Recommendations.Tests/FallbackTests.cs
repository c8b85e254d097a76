using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>Popularity as the cold-start answer and the fallback, and answers when product-service
/// fails. Each test starts from its own empty database, because popularity counts every purchase.</summary>
public sealed class FallbackTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();
    private static readonly Guid Garden = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task With_no_purchases_at_all_the_answer_is_popular_and_empty()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");

        var forA = await service.CreateClient().RecommendAsync(sku("A"));

        Assert.Equal("popular", forA.Strategy);
        Assert.True(forA.Fallback);
        Assert.False(forA.Degraded);
        Assert.Empty(forA.Items);
    }

    [Fact]
    public async Task Without_neighbours_the_best_sellers_of_its_category_come_first_then_the_rest()
    {
        using var service = new RecommendationsFactory();
        var kitchen = service.NewProducts(Kitchen, "A", "B", "NEW", "ARCHIVED");
        var garden = service.NewProducts(Garden, "X");
        service.Catalog.Add(kitchen("ARCHIVED"), Kitchen, active: false);
        await service.RecordAsync(garden("X"));
        await service.RecordAsync(garden("X"));
        await service.RecordAsync(garden("X"));
        await service.RecordAsync(kitchen("A"));
        await service.RecordAsync(kitchen("A"));
        await service.RecordAsync(kitchen("B"));
        await service.RecordAsync(kitchen("ARCHIVED"));
        await service.RecordAsync(kitchen("ARCHIVED"));
        await service.RecordAsync(kitchen("ARCHIVED"));
        await service.RecordAsync(kitchen("ARCHIVED"));

        var forNew = await service.CreateClient().RecommendAsync(kitchen("NEW"));

        Assert.Equal("popular", forNew.Strategy);
        Assert.True(forNew.Fallback);
        Assert.Equal([kitchen("A"), kitchen("B"), garden("X")], forNew.Skus);
        Assert.Equal([2.0, 1.0, 3.0], forNew.Items.Select(i => Math.Round(i.Score, 3)));
    }

    [Fact]
    public async Task Fewer_neighbours_than_the_minimum_fall_back_to_popular()
    {
        using var service = new ThreeNeighboursFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D", "E");
        await service.RecordAsync(sku("A"), sku("B"), sku("C"));
        await service.RecordAsync(sku("D"), sku("E"), sku("B"), sku("C"));
        var client = service.CreateClient();

        var forA = await client.RecommendAsync(sku("A")); // two neighbours
        var forB = await client.RecommendAsync(sku("B")); // four

        Assert.Equal(("popular", true), (forA.Strategy, forA.Fallback));
        Assert.Equal([sku("B"), sku("C"), sku("D"), sku("E")], forA.Skus); // B and C in two orders, then by SKU
        Assert.Equal(("item-to-item", false), (forB.Strategy, forB.Fallback));
        Assert.Equal("item-to-item", (await client.RecommendAsync(sku("A"), limit: 2)).Strategy); // two are enough for two
    }

    [Fact]
    public async Task A_purchase_one_half_life_before_the_latest_scores_half()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "OLD", "NEW", "PAGE");
        var now = DateTimeOffset.UtcNow;
        await service.PublishAndWaitAsync(OrderEvents.PaidAt(now.AddDays(-30), sku("OLD")), OrderEvents.PaidAt(now, sku("NEW")));

        var forPage = await service.CreateClient().RecommendAsync(sku("PAGE"));

        Assert.Equal([sku("NEW"), sku("OLD")], forPage.Skus);
        Assert.Equal(1.0, forPage.Items[0].Score, 3);
        Assert.Equal(0.5, forPage.Items[1].Score, 3);
    }

    [Fact]
    public async Task An_unknown_sku_gets_popular_products_only_when_asked()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A");
        await service.RecordAsync(sku("A"));
        var client = service.CreateClient();

        var asked = await client.RecommendAsync("SKU-NOPE", query: "unknown=popular");
        var notAsked = await client.GetAsync("/api/recommendations/products/SKU-NOPE", Cancellation);

        Assert.Equal(("popular", true), (asked.Strategy, asked.Fallback));
        Assert.Equal([sku("A")], asked.Skus);
        await notAsked.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task When_product_service_times_out_or_fails_the_answer_is_degraded_not_an_error(bool hangs)
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "SOLDOUT", "UNSEEN");
        service.Catalog.Add(sku("SOLDOUT"), Kitchen, available: 0);
        await service.RecordAsync(sku("A"), sku("B"), sku("SOLDOUT"));
        await service.RecordAsync(sku("A"), sku("C"));
        var client = service.CreateClient();
        await client.RecommendAsync(sku("A")); // product-service's last word on A, B, C and SOLDOUT

        service.Catalog.Hangs = hangs;
        service.Catalog.Unreachable = !hangs;
        var forA = await client.RecommendAsync(sku("A"));
        var forC = await client.RecommendAsync(sku("C")); // bought, so known to exist
        var unseen = await client.GetAsync($"/api/recommendations/products/{sku("UNSEEN")}", Cancellation);

        Assert.True(forA.Degraded);
        Assert.Equal(("item-to-item", false), (forA.Strategy, forA.Fallback));
        Assert.Equal([sku("B"), sku("C")], forA.Skus); // SOLDOUT was out of stock when last seen
        Assert.True(forC.Degraded);
        Assert.Equal([sku("A")], forC.Skus);
        await unseen.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
    }

    [Fact]
    public async Task When_product_service_never_answered_a_known_product_still_gets_an_answer()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"), sku("B"));
        service.Catalog.Hangs = true;

        var forA = await service.CreateClient().RecommendAsync(sku("A"));

        Assert.True(forA.Degraded);
        Assert.Empty(forA.Items); // nothing it could vouch for
    }
}
