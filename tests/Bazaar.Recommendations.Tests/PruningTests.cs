using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>View weights that decayed below a floor are forgotten in memory, so anonymous junk does
/// not grow the co-view counts without limit.</summary>
public sealed class PruningTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long Year = (long)TimeSpan.FromDays(365).TotalMilliseconds;

    [Fact]
    public void Faded_products_and_pairs_are_forgotten_and_the_rest_stay_as_they_were()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        counts.Record("junk-1", [], T0);
        counts.Record("junk-2", ["junk-1"], T0);
        counts.Record("A", ["junk-2"], T0); // an old pair of a product that lives on
        counts.Record("A", [], T0 + Year);
        counts.Record("B", ["A"], T0 + Year);
        var expected = new CoPurchaseCounts(HalfLife);
        expected.SetItem("A", counts.Items["A"]);
        expected.SetItem("B", counts.Items["B"]);
        expected.SetPair(SkuPair.Of("A", "B"), counts.Pairs[SkuPair.Of("A", "B")]);

        Assert.Equal(2, counts.Prune(ModelCache.ViewFloor)); // a year is ~12 half-lives: 2^-12 < 0.01

        Assert.Equal(expected.Items, counts.Items);
        Assert.Equal(expected.Pairs, counts.Pairs);
        Assert.Equal(["B"], counts.PartnersOf("A"));
        Assert.Empty(counts.PartnersOf("junk-1"));
    }

    [Fact]
    public async Task The_cache_drops_faded_view_weights_once_the_counts_have_grown()
    {
        var junk = Enumerable.Range(0, 2000).Select(i => new WeightRow { Sku = $"junk-{i}", Weight = 1, AsOf = T0 }).ToList();
        var fresh = new[] { new WeightRow { Sku = "A", Weight = 1, AsOf = T0 + Year }, new WeightRow { Sku = "B", Weight = 1, AsOf = T0 + Year } };
        var pair = new WeightRow { Sku = "A", Other = "B", Weight = 1, AsOf = T0 + Year };
        var source = new FixedSource(new StoredCounts([.. junk, .. fresh], [pair]));
        using var cache = new ModelCache(source, Options.Create(new RecommendationOptions()), NullLogger<ModelCache>.Instance);

        await cache.RefreshAsync(TestContext.Current.CancellationToken);

        Assert.Equal(["A", "B"], cache.Views.Popular.Select(s => s.Sku));
        Assert.Equal("B", Assert.Single(cache.Views.NeighboursOf("A")).Sku);
    }

    private sealed class FixedSource(StoredCounts views) : IModelSource
    {
        public Task<ModelState> StateAsync(CancellationToken cancellationToken) => Task.FromResult(new ModelState(1, 1));

        public Task<ModelChanges> ChangesAsync(long sinceVersion, CancellationToken cancellationToken) =>
            Task.FromResult(new ModelChanges(new ModelState(1, 1), new StoredCounts([], []), views));
    }
}
