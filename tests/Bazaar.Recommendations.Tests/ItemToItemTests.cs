using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary><c>GET /api/recommendations/products/{sku}</c> from the neighbour lists the paid orders build.</summary>
public sealed class ItemToItemTests(RecommendationsFactory service) : IClassFixture<RecommendationsFactory>
{
    private readonly HttpClient _client = service.CreateClient();
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Neighbours_follow_the_hand_computed_cosine()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D");
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("C"));
        await service.RecordAsync(sku("B"), sku("C"));
        await service.RecordAsync(sku("A"), sku("D"));
        await service.RecordAsync(sku("B"));
        await service.RecordAsync(sku("B"));

        // n(A)=4, n(B)=5, n(C)=2, n(D)=1: A–D 1/sqrt(4) = 0.5, A–B 2/sqrt(20) = 0.447214,
        // A–C 1/sqrt(8) = 0.353553, B–C 1/sqrt(10) = 0.316228 (all paid within seconds: decay is nil).
        var forA = await _client.RecommendAsync(sku("A"));
        Assert.Equal("item-to-item", forA.Strategy);
        Assert.False(forA.Fallback);
        Assert.False(forA.Degraded);
        Assert.Equal([(sku("D"), 0.5), (sku("B"), 0.447214), (sku("C"), 0.353553)], forA.Rounded);
        Assert.Equal([(sku("A"), 0.447214), (sku("C"), 0.316228)], (await _client.RecommendAsync(sku("B"))).Rounded);
        Assert.Equal([(sku("D"), 0.5)], (await _client.RecommendAsync(sku("A"), limit: 1)).Rounded);
    }

    [Fact]
    public async Task Older_orders_count_less_by_their_paid_time()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        var twoHalfLivesAgo = DateTimeOffset.UtcNow.AddDays(-60);
        await service.PublishAndWaitAsync(
            OrderEvents.PaidAt(twoHalfLivesAgo, sku("A"), sku("B")),
            OrderEvents.PaidAt(twoHalfLivesAgo, sku("A"), sku("B")),
            OrderEvents.PaidAt(DateTimeOffset.UtcNow, sku("A"), sku("C")));

        // co(A,B) = 2·0.25, n(B) = 0.5, co(A,C) = n(C) = 1, n(A) = 1.5: C 1/sqrt(1.5) = 0.816497, B 0.5/sqrt(0.75) = 0.57735.
        var forA = await _client.RecommendAsync(sku("A"));

        Assert.Equal([sku("C"), sku("B")], forA.Skus);
        Assert.Equal(0.816497, forA.Items[0].Score, 4);
        Assert.Equal(0.57735, forA.Items[1].Score, 4);
    }

    [Fact]
    public async Task The_product_itself_is_never_recommended()
    {
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"), sku("A"), sku("B"));

        Assert.Equal([(sku("B"), 1.0)], (await _client.RecommendAsync(sku("A"))).Rounded);
    }

    [Fact]
    public async Task Archived_and_out_of_stock_products_are_left_out()
    {
        var sku = service.NewProducts(Kitchen, "A", "ARCHIVED", "SOLDOUT", "C");
        service.Catalog.Add(sku("ARCHIVED"), Kitchen, active: false);
        service.Catalog.Add(sku("SOLDOUT"), Kitchen, available: 0);
        await service.RecordAsync(sku("A"), sku("ARCHIVED"), sku("SOLDOUT"), sku("C"));
        await service.RecordAsync(sku("A"), sku("ARCHIVED"), sku("SOLDOUT"));

        Assert.Equal([sku("C")], (await _client.RecommendAsync(sku("A"))).Skus);
    }

    [Fact]
    public async Task A_request_asks_product_service_once()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        await service.RecordAsync(sku("A"), sku("B"), sku("C"));
        var before = service.Catalog.Calls;

        await _client.RecommendAsync(sku("A"));

        Assert.Equal(before + 1, service.Catalog.Calls);
    }

    [Fact]
    public async Task An_unknown_sku_is_not_found()
    {
        var response = await _client.GetAsync("/api/recommendations/products/SKU-NOPE", Cancellation);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=51", "limit")]
    [InlineData("?limit=-3", "limit")]
    [InlineData("?limit=2147483647", "limit")]
    [InlineData("?unknown=guess", "unknown")]
    public async Task Out_of_range_input_is_a_400(string query, string field)
    {
        var sku = service.NewProducts(Kitchen, "A");
        var response = await _client.GetAsync($"/api/recommendations/products/{sku("A")}{query}", Cancellation);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task A_sku_too_long_is_a_400()
    {
        var response = await _client.GetAsync($"/api/recommendations/products/SKU-{new string('9', 80)}", Cancellation);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400()
    {
        var response = await _client.GetAsync("/api/recommendations/products/SKU-1?limit=ten", Cancellation);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
