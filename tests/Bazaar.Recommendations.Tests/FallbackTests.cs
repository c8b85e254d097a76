using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>Each test here starts from its own empty database, because the fallbacks depend on
/// every purchase ever recorded.</summary>
public sealed class FallbackTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();
    private static readonly Guid Garden = Guid.NewGuid();

    [Fact]
    public async Task Without_co_purchases_the_most_purchased_products_stand_in()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "LONER", "NEW");
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("C"));
        await service.RecordAsync(sku("A"));
        await service.RecordAsync(sku("B"));
        await service.RecordAsync(sku("LONER"));

        var forNew = await service.CreateClient().RecommendAsync(sku("NEW"));
        var forLoner = await service.CreateClient().RecommendAsync(sku("LONER"));

        Assert.Equal("popular", forNew.Strategy);
        Assert.True(forNew.Fallback);
        Assert.Equal([(sku("A"), 3L), (sku("B"), 2L), (sku("C"), 1L), (sku("LONER"), 1L)], forNew.Items);
        Assert.Equal("popular", forLoner.Strategy); // bought only alone: no pairs, and never itself
        Assert.Equal([(sku("A"), 3L), (sku("B"), 2L), (sku("C"), 1L)], forLoner.Items);
    }

    [Fact]
    public async Task With_no_purchases_at_all_the_category_stands_in()
    {
        using var service = new RecommendationsFactory();
        var kitchen = service.NewProducts(Kitchen, "A", "B", "C");
        var garden = service.NewProducts(Garden, "X");

        var forA = await service.CreateClient().RecommendAsync(kitchen("A"));

        Assert.Equal("catalog", forA.Strategy);
        Assert.True(forA.Fallback);
        Assert.Equal([kitchen("B"), kitchen("C")], forA.Items.Select(i => i.Sku));
        Assert.DoesNotContain(garden("X"), forA.Items.Select(i => i.Sku));
        Assert.Equal([kitchen("B")], (await service.CreateClient().RecommendAsync(kitchen("A"), limit: 1)).Items.Select(i => i.Sku));
    }

    [Fact]
    public async Task A_product_bought_only_on_its_own_falls_back_to_its_category()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"));

        var forA = await service.CreateClient().RecommendAsync(sku("A"));

        Assert.Equal("catalog", forA.Strategy);
        Assert.Equal([sku("B")], forA.Items.Select(i => i.Sku));
    }
}
