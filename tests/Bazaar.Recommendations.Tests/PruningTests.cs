using Bazaar.Platform.Data;
using Bazaar.Recommendations.Model;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>View weights that decayed below a floor are forgotten in memory, so anonymous junk does
/// not grow the co-view counts without limit.</summary>
public sealed class PruningTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

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

        var forgotten = counts.Prune(ModelCache.ViewFloor); // a year is ~12 half-lives: 2^-12 < 0.01

        Assert.Equal(["junk-1", "junk-2"], forgotten.Items.Select(row => row.Sku).Order());
        Assert.All(forgotten.Items, row => Assert.Equal((1.0, T0), (row.Weight, row.AsOf)));
        Assert.Equal([("A", "junk-2"), ("junk-1", "junk-2")], forgotten.Pairs.Select(row => (row.Sku, row.Other)).Order());
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
        // and their rows are to be deleted, with the weights they had
        Assert.Equal(junk.Select(row => (row.Sku, row.Weight, row.AsOf)).Order(), source.Forgotten.Select(row => (row.Sku, row.Weight, row.AsOf)).Order());
    }

    [Fact]
    public async Task Faded_view_rows_are_deleted_from_the_tables_unless_they_changed_since()
    {
        using var service = new RecommendationsFactory();
        await service.RefreshModelAsync();
        var old = DateTimeOffset.UtcNow.AddYears(-1).ToUnixTimeMilliseconds();
        var recent = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation))
        {
            // Written as the view writer would: in one transaction, stamped with the model's next version.
            await using var transaction = await connection.BeginTransactionAsync(Cancellation);
            var version = await connection.ExecuteScalarAsync<long>("UPDATE model_state SET version = version + 1 RETURNING version", transaction: transaction);
            await connection.ExecuteAsync("INSERT INTO item_views (sku, weight, as_of, version) VALUES (@Sku, 1, @At, @version)",
                Enumerable.Range(0, 1500).Select(i => new { Sku = $"junk-{i}", At = old, version }), transaction);
            await connection.ExecuteAsync("INSERT INTO item_views (sku, weight, as_of, version) VALUES ('A', 1, @recent, @version), ('B', 1, @recent, @version)", new { recent, version }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO pair_views (first_sku, second_sku, weight, as_of, version) VALUES ('A', 'B', 1, @recent, @version), ('A', 'junk-1', 1, @old, @version), ('junk-1', 'junk-2', 1, @old, @version)",
                new { recent, old, version }, transaction);
            await transaction.CommitAsync(Cancellation);
        }

        await service.RefreshModelAsync(); // 1502 products: more than twice what the last pruning left

        Assert.Equal(["A", "B"], await QueryAsync(service, "SELECT sku FROM item_views ORDER BY sku"));
        Assert.Equal(["A B"], await QueryAsync(service, "SELECT first_sku || ' ' || second_sku FROM pair_views"));
        Assert.Equal(["A", "B"], service.Services.GetRequiredService<ModelCache>().Views.Popular.Select(s => s.Sku));

        // A row the writer changed after it was read is kept.
        var store = service.Services.GetRequiredService<ModelStore>();
        await store.ForgetViewsAsync(new StoredCounts([new WeightRow { Sku = "A", Weight = 0.5, AsOf = recent }, new WeightRow { Sku = "B", Weight = 1, AsOf = recent }], []), Cancellation);
        Assert.Equal(["A"], await QueryAsync(service, "SELECT sku FROM item_views"));
    }

    private static async Task<IReadOnlyList<string>> QueryAsync(RecommendationsFactory service, string sql)
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        return [.. await connection.QueryAsync<string>(new CommandDefinition(sql, cancellationToken: Cancellation))];
    }

    private sealed class FixedSource(StoredCounts views) : IModelSource
    {
        public List<WeightRow> Forgotten { get; } = [];

        public Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken)
        {
            Forgotten.AddRange(faded.Items);
            return Task.CompletedTask;
        }

        public Task<ModelState> StateAsync(CancellationToken cancellationToken) => Task.FromResult(new ModelState(1, 1));

        public Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken) =>
            Task.FromResult(new ModelChanges(1, 1, new StoredCounts([], []), views));
    }
}
