using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

public sealed class BoughtTogetherTests(RecommendationsFactory service) : IClassFixture<RecommendationsFactory>
{
    private readonly HttpClient _client = service.CreateClient();
    private static readonly Guid Kitchen = Guid.NewGuid();

    [Fact]
    public async Task Counts_follow_the_orders()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D", "E");
        await service.RecordAsync(sku("A"), sku("B"), sku("C"));
        await service.RecordAsync(sku("A"), sku("B"));
        await service.RecordAsync(sku("A"), sku("D"));
        await service.RecordAsync(sku("B"), sku("C"));
        await service.RecordAsync(sku("A"), sku("B"), sku("E"));

        // A was bought with B in 3 orders, with C, D and E in one each (ties in SKU order).
        var forA = await _client.RecommendAsync(sku("A"));
        Assert.Equal("bought-together", forA.Strategy);
        Assert.False(forA.Fallback);
        Assert.Equal([(sku("B"), 3L), (sku("C"), 1L), (sku("D"), 1L), (sku("E"), 1L)], forA.Items);

        // C: with B twice, with A once.
        Assert.Equal([(sku("B"), 2L), (sku("A"), 1L)], (await _client.RecommendAsync(sku("C"))).Items);
        // B: with A 3, C 2, E 1.
        Assert.Equal([(sku("A"), 3L), (sku("C"), 2L), (sku("E"), 1L)], (await _client.RecommendAsync(sku("B"))).Items);
        Assert.Equal([(sku("B"), 3L), (sku("C"), 1L)], (await _client.RecommendAsync(sku("A"), limit: 2)).Items);
    }

    [Fact]
    public async Task The_product_itself_is_never_recommended()
    {
        var sku = service.NewProducts(Kitchen, "A", "B");
        await service.RecordAsync(sku("A"), sku("A"), sku("B"));

        var forA = await _client.RecommendAsync(sku("A"));

        Assert.Equal([(sku("B"), 1L)], forA.Items);
    }

    [Fact]
    public async Task Products_no_longer_sold_are_left_out()
    {
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        service.Catalog.Add(sku("B"), Kitchen, active: false);
        await service.RecordAsync(sku("A"), sku("B"), sku("C"));
        await service.RecordAsync(sku("A"), sku("B"));

        Assert.Equal([(sku("C"), 1L)], (await _client.RecommendAsync(sku("A"))).Items);
    }

    [Fact]
    public async Task An_unknown_sku_is_not_found()
    {
        var response = await _client.GetAsync("/api/recommendations/products/SKU-NOPE", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("?limit=0")]
    [InlineData("?limit=51")]
    [InlineData("?limit=-3")]
    public async Task A_limit_out_of_range_is_a_400(string query)
    {
        var sku = service.NewProducts(Kitchen, "A");
        var response = await _client.GetAsync($"/api/recommendations/products/{sku("A")}{query}", TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("limit", out _));
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_a_400()
    {
        var response = await _client.GetAsync("/api/recommendations/products/SKU-1?limit=ten", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_unreachable_catalog_is_a_503()
    {
        using var isolated = new RecommendationsFactory();
        isolated.Catalog.Unreachable = true;
        var response = await isolated.CreateClient().GetAsync("/api/recommendations/products/SKU-1", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
    }
}
