using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class QuoteApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_quote_prices_known_skus_flags_inactive_ones_and_leaves_out_unknown_ones()
    {
        var active = await service.AddProductAsync(4, price: 9.95m);
        var discontinued = await service.AddProductAsync(0, status: "archived");

        var response = await _client.PostAsJsonAsync("/internal/products/quote",
            new { skus = new[] { active.Sku, discontinued.Sku, "NO-SUCH-SKU", active.Sku } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items");
        Assert.Equal(2, items.GetArrayLength());
        var first = items.EnumerateArray().Single(item => item.GetProperty("sku").GetString() == active.Sku);
        Assert.Equal(active.Id, first.GetProperty("productId").GetGuid());
        Assert.Equal(active.Name, first.GetProperty("name").GetString());
        Assert.Equal(active.CategoryId, first.GetProperty("categoryId").GetGuid());
        Assert.Equal(9.95m, first.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
        Assert.Equal(4, first.GetProperty("available").GetInt32());
        Assert.True(first.GetProperty("active").GetBoolean());
        var second = items.EnumerateArray().Single(item => item.GetProperty("sku").GetString() == discontinued.Sku);
        Assert.False(second.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task Seeded_skus_are_numbered()
    {
        var response = await _client.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { "SKU-000001", "SKU-000030", "SKU-000031" } }, TestContext.Current.CancellationToken);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items");
        Assert.Equal(["SKU-000001", "SKU-000030"], items.EnumerateArray().Select(item => item.GetProperty("sku").GetString()).Order());
    }

    [Theory]
    [InlineData("""{"skus":[]}""")]
    [InlineData("""{}""")]
    [InlineData("""{"skus":"SKU-000001"}""")]
    public async Task An_empty_or_missing_sku_list_is_a_400_problem(string body)
    {
        var response = await _client.PostAsync("/internal/products/quote", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task More_than_a_hundred_skus_is_a_validation_problem()
    {
        var skus = Enumerable.Range(1, 101).Select(n => $"SKU-{n:D6}").ToArray();
        var response = await _client.PostAsJsonAsync("/internal/products/quote", new { skus }, TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("Skus", out _));
    }
}
