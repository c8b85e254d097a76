using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Platform.Data;
using Bazaar.Recommendations.ForYou;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Views;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>Co-views counted once per pair and window, only changed rows written, "for you" without
/// its history, a refresher that outlives a failure, and far-future payment times.</summary>
public sealed class EdgeCaseTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();
    private static readonly long Minute = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_pair_counts_once_per_session_and_window_so_the_cosine_stays_within_one()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        var queue = service.Queue();
        var t0 = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        queue.TryEnqueue(new View("s:pairs", null, sku("A"), t0));
        queue.TryEnqueue(new View("s:pairs", null, sku("B"), t0 + 20 * Minute)); // pairs with A
        queue.TryEnqueue(new View("s:pairs", null, sku("A"), t0 + 35 * Minute)); // A counts again, but the pair was counted 15 minutes ago
        await service.WriteViewsAsync();

        var viewed = await service.CreateClient().RecommendAsync(sku("A"), query: "kind=viewed");

        // n(A) = 2, n(B) = 1, co(A,B) = 1: 1/sqrt(2) = 0.7071 (a little more from decay). Counting the pair twice gave 2/sqrt(2) = 1.41.
        var (neighbour, score) = Assert.Single(viewed.Items);
        Assert.Equal(sku("B"), neighbour);
        Assert.InRange(score, 0.7, 0.72);
    }

    [Fact]
    public async Task A_view_batch_writes_only_the_rows_it_changed()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D");
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var letter in "ABCD") service.Queue().TryEnqueue(new View("s:first", null, sku(letter.ToString()), now)); // every pair among them
        await service.WriteViewsAsync();
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        var before = await connection.ExecuteScalarAsync<long>("SELECT version FROM model_state");

        // A and B viewed together in one session, C alone in another: the batch reads A, B, C and the pairs among them.
        service.Queue().TryEnqueue(new View("s:second", null, sku("A"), now));
        service.Queue().TryEnqueue(new View("s:second", null, sku("B"), now));
        service.Queue().TryEnqueue(new View("s:third", null, sku("C"), now));
        await service.WriteViewsAsync();

        var items = await connection.QueryAsync<string>("SELECT sku FROM item_views WHERE version > @before ORDER BY sku", new { before });
        var pairs = await connection.QueryAsync<string>("SELECT first_sku || ' ' || second_sku FROM pair_views WHERE version > @before", new { before });
        Assert.Equal([sku("A"), sku("B"), sku("C")], items);
        Assert.Equal([$"{sku("A")} {sku("B")}"], pairs); // not A–C nor B–C, which it only read
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Views_of_SKUs_product_service_does_not_know_are_not_counted_unless_it_cannot_tell(bool catalogHangs)
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A");
        var junk = "SKU-JUNK-" + Guid.NewGuid().ToString("N")[..8];
        service.Catalog.Hangs = catalogHangs;
        var client = service.CreateClient();
        await client.ViewAsync(sku("A"), "junky");
        await client.ViewAsync(junk, "junky");
        await service.WriteViewsAsync();

        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        var counted = (await connection.QueryAsync<string>("SELECT sku FROM item_views WHERE sku IN @skus", new { skus = new[] { sku("A"), junk } })).ToHashSet();
        // Confirmed by one quote: A counts, the junk does not. product-service silent: both count (best effort).
        Assert.Contains(sku("A"), counted);
        Assert.Equal(catalogHangs, counted.Contains(junk));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task For_you_falls_back_to_popular_when_the_history_fails_or_hangs(bool hangs)
    {
        using var service = new BrokenHistoryFactory(hangs);
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.PublishAndWaitAsync(OrderEvents.Paid(sku("A"), sku("B")), OrderEvents.Paid(sku("A")));

        using var response = await service.ClientFor(Guid.CreateVersion7()).GetAsync("/api/recommendations/for-you", Cancellation);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("popular", true, true), (body.GetProperty("strategy").GetString(), body.GetProperty("fallback").GetBoolean(), body.GetProperty("degraded").GetBoolean()));
        Assert.Equal([sku("A"), sku("B")], body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("sku").GetString()));
    }

    [Fact]
    public async Task The_refresher_keeps_refreshing_after_an_exception()
    {
        using var service = new FlakyModelFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.PublishAsync(OrderEvents.Paid(sku("A"), sku("B"))); // no manual refresh: only the background refresher

        await OrderEvents.EventuallyAsync(async () => (await service.CreateClient().RecommendAsync(sku("A"))).Skus.SequenceEqual([sku("B")]),
            "The lists never caught up after the model source threw once.");
        Assert.True(service.Source.Thrown);
    }

    [Fact]
    public async Task A_far_future_payment_time_is_clamped_to_now()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        var before = DateTimeOffset.UtcNow;
        await service.PublishAndWaitAsync(OrderEvents.PaidAt(before.AddYears(10), sku("A"), sku("B")));

        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(Cancellation);
        var asOf = await connection.ExecuteScalarAsync<long>("SELECT as_of FROM item_sales WHERE sku = @sku", new { sku = sku("A") });
        Assert.InRange(asOf, before.ToUnixTimeMilliseconds(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        // Still counted: A and B were bought together.
        Assert.Equal([sku("B")], (await service.CreateClient().RecommendAsync(sku("A"))).Skus);
    }

    [Fact]
    public void The_cosine_of_zero_or_underflowed_weights_is_no_neighbour_rather_than_NaN()
    {
        var halfLife = TimeSpan.FromDays(30);
        var counts = new CoPurchaseCounts(halfLife);
        counts.SetItem("A", new DecayedWeight(0, 0));
        counts.SetItem("B", new DecayedWeight(0, 0));
        counts.SetPair(SkuPair.Of("A", "B"), new DecayedWeight(0, 0)); // 0/0
        counts.SetItem("C", new DecayedWeight(1, 0));
        counts.SetPair(SkuPair.Of("A", "C"), new DecayedWeight(1, 0)); // 1/0

        var index = NeighbourIndex.Build(counts, 50);

        Assert.Empty(index.NeighboursOf("A"));
        Assert.Empty(index.NeighboursOf("B"));
        Assert.Empty(index.NeighboursOf("C"));
        Assert.Equal(0, NeighbourIndex.Cosine(new(1, 0), new(double.PositiveInfinity, 0), new(1, 0), halfLife));
        Assert.Equal(1, NeighbourIndex.Cosine(new(1.0000001, 0), new(1, 0), new(1, 0), halfLife));
    }
}

/// <summary>As <see cref="RecommendationsFactory"/> with a user history that fails (a database error) or never answers.</summary>
public sealed class BrokenHistoryFactory(bool hangs) : RecommendationsFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [.. base.Settings(), new("Recommendations:HistoryTimeout", "00:00:00.100")];

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IUserHistory>(new BrokenHistory(hangs)));
    }

    private sealed class BrokenHistory(bool hangs) : IUserHistory
    {
        public Task<IReadOnlyList<UserEvent>> PurchasesOfAsync(Guid userId, CancellationToken cancellationToken) => FailAsync(cancellationToken);

        public Task<IReadOnlyList<UserEvent>> ViewsOfAsync(Guid userId, CancellationToken cancellationToken) => FailAsync(cancellationToken);

        private async Task<IReadOnlyList<UserEvent>> FailAsync(CancellationToken cancellationToken)
        {
            if (hangs) await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new SqliteException("database is locked", 5);
        }
    }
}

/// <summary>As <see cref="RecommendationsFactory"/> with a model source that throws once, on its first read.</summary>
public sealed class FlakyModelFactory : RecommendationsFactory
{
    internal FlakySource Source { get; private set; } = null!;

    protected override void ConfigureServices(IServiceCollection services)
    {
        base.ConfigureServices(services);
        services.Replace(ServiceDescriptor.Singleton<IModelSource>(provider => Source = new FlakySource(provider.GetRequiredService<ModelStore>())));
    }

    internal sealed class FlakySource(ModelStore store) : IModelSource
    {
        private int _calls;

        public bool Thrown => Volatile.Read(ref _calls) > 0;

        public Task<ModelState> StateAsync(CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1 ? throw new InvalidOperationException("a bug, once") : store.StateAsync(cancellationToken);

        public Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken) => store.ChangesAsync(salesSince, viewsSince, cancellationToken);

        public Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken) => store.ForgetViewsAsync(faded, cancellationToken);
    }
}
