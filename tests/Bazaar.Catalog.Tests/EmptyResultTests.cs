using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>Queries that find nothing answer with nothing, not a 500 (SQLite reports no type for a
/// computed column of an empty result, which once broke row mapping).</summary>
public sealed class EmptyResultTests(CatalogFactory catalog) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = catalog.CreateClient();

    [Fact]
    public async Task A_quote_of_only_unknown_skus_is_an_empty_list()
    {
        var response = await _client.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { "NO-SUCH-SKU" } }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_search_that_matches_nothing_is_an_empty_page()
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/products?q=zzzz-matches-nothing", TestContext.Current.CancellationToken);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("next").ValueKind);
    }

    [Theory]
    [InlineData("sort=price_asc&minPrice=999999")]
    [InlineData("sort=price_desc&maxPrice=0")]
    [InlineData("sort=newest&brand=no-such-brand")]
    [InlineData("q=zzzzqqq&sort=relevance")]
    public async Task Every_sort_answers_an_empty_page_when_nothing_matches(string query)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>("/api/products?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_sku_never_adjusted_has_an_empty_audit_trail()
    {
        var product = await catalog.AddProductAsync(1);
        var admin = catalog.ClientFor(Guid.CreateVersion7(), Bazaar.Platform.Auth.Roles.Admin);
        var trail = await admin.GetFromJsonAsync<JsonElement>($"/api/admin/catalog/inventory/{product.Sku}/adjustments", TestContext.Current.CancellationToken);
        Assert.Equal(0, trail.GetArrayLength());
    }

    [Fact]
    public async Task An_empty_category_is_an_empty_page()
    {
        var category = await catalog.AddCategoryAsync();
        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}", TestContext.Current.CancellationToken);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
    }
}
