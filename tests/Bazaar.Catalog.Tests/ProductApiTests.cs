using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class ProductApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<JsonElement> GetJsonAsync(string url)
    {
        var response = await _client.GetAsync(url, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Categories_are_listed_anonymously()
    {
        var categoryId = await service.AddCategoryAsync();
        var categories = await GetJsonAsync("/api/categories");

        var added = categories.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == categoryId);
        Assert.StartsWith("test-", added.GetProperty("slug").GetString());
        Assert.Equal(JsonValueKind.Null, added.GetProperty("parentId").ValueKind);
        Assert.True(categories.GetArrayLength() >= CatalogFactory.SeededCategories + 1);
    }

    [Fact]
    public async Task Pages_of_a_category_follow_name_order_without_gaps_or_repeats()
    {
        var category = await service.AddCategoryAsync();
        string[] names = ["Echo", "Alpha", "Delta", "Bravo", "Charlie", "Alpha"];
        foreach (var name in names) await service.AddProductAsync(5, category, name);
        await service.AddProductAsync(5, category, "Aardvark (archived)", status: "archived");

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = $"/api/products?category={category}&limit=4" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
            var page = await GetJsonAsync(url);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("name").GetString()!));
            after = page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(2, pages);
        Assert.Equal(names.Order(StringComparer.Ordinal), seen);
    }

    [Fact]
    public async Task A_summary_carries_price_and_available_stock()
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(7, category, price: 12.50m);

        var item = (await GetJsonAsync($"/api/products?category={category}")).GetProperty("items").EnumerateArray().Single();

        Assert.Equal(product.Id, item.GetProperty("id").GetGuid());
        Assert.Equal(product.Sku, item.GetProperty("sku").GetString());
        Assert.Equal(category, item.GetProperty("categoryId").GetGuid());
        Assert.Equal(12.50m, item.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal("USD", item.GetProperty("price").GetProperty("currency").GetString());
        Assert.Equal(7, item.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task Text_search_matches_words_of_the_name_and_search_syntax_is_not_interpreted()
    {
        var category = await service.AddCategoryAsync();
        await service.AddProductAsync(1, category, "Blue 100% Wool Scarf");
        await service.AddProductAsync(1, category, "Blue Cotton Scarf");

        var wool = await GetJsonAsync($"/api/products?category={category}&q=wool");
        var prefix = await GetJsonAsync($"/api/products?category={category}&q=sca");
        var syntax = await GetJsonAsync($"/api/products?category={category}&q=" + Uri.EscapeDataString("\"wool\" OR NOT name:cotton*"));
        var percent = await _client.GetAsync($"/api/products?category={category}&q=%25", TestContext.Current.CancellationToken);

        Assert.Equal("Blue 100% Wool Scarf", Assert.Single(wool.GetProperty("items").EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(2, prefix.GetProperty("items").GetArrayLength());
        Assert.Empty(syntax.GetProperty("items").EnumerateArray());
        var problem = await percent.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _));
    }

    [Fact]
    public async Task The_default_page_holds_twenty_active_products()
    {
        var page = await GetJsonAsync("/api/products");
        Assert.Equal(20, page.GetProperty("items").GetArrayLength());
        Assert.NotNull(page.GetProperty("next").GetString());
    }

    [Fact]
    public async Task Detail_adds_description_attributes_and_status()
    {
        var product = await service.AddProductAsync(3, status: "archived");

        var detail = await GetJsonAsync($"/api/products/{product.Id}");

        Assert.Equal(product.Sku, detail.GetProperty("sku").GetString());
        Assert.Equal("A thing.", detail.GetProperty("description").GetString());
        Assert.Equal("red", detail.GetProperty("attributes").GetProperty("color").GetString());
        Assert.Equal("archived", detail.GetProperty("status").GetString());
        Assert.Equal(3, detail.GetProperty("available").GetInt32());
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var response = await _client.GetAsync($"/api/products/{Guid.NewGuid()}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("after=not-a-cursor", "after")]
    [InlineData("after=bm90IGEgY3Vyc29y", "after")]
    public async Task Out_of_range_listing_parameters_are_a_validation_problem(string query, string field)
    {
        var response = await _client.GetAsync("/api/products?" + query, TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
    }

    [Theory]
    [InlineData("category=not-a-guid")]
    [InlineData("limit=ten")]
    public async Task Unreadable_listing_parameters_are_a_400_problem(string query)
    {
        var response = await _client.GetAsync("/api/products?" + query, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }
}
