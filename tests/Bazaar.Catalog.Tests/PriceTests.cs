using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Auth;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class PriceRuleTests
{
    private static readonly DateTimeOffset From = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(10, null, null, null)]
    [InlineData(10, 9.99, 1, null)]
    [InlineData(0, null, null, "listPrice")]
    [InlineData(-1, null, null, "listPrice")]
    [InlineData(10.001, null, null, "listPrice")]
    [InlineData(10, 10.0, null, "salePrice")]
    [InlineData(10, 11.0, null, "salePrice")]
    [InlineData(10, 0.0, null, "salePrice")]
    [InlineData(10, -2.0, null, "salePrice")]
    [InlineData(10, null, 0, "validTo")]
    [InlineData(10, null, -1, "validTo")]
    public void Prices_are_positive_sales_below_list_and_windows_forwards(double list, double? sale, int? toDays, string? field)
    {
        var error = PriceRules.Check((decimal)list, (decimal?)sale, From, toDays is { } days ? From.AddDays(days) : null);
        Assert.Equal(field, error?.Field);
    }
}

/// <summary>The current-price rule, run against the service's own schema (the rule is SQL, so
/// that listing, sorting, filtering, detail and quote all use the same one).</summary>
public sealed class CurrentPriceTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private static readonly DateTimeOffset T0 = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private PriceBook Prices => service.Services.GetRequiredService<PriceBook>();

    private Task AddAsync(string sku, decimal list, decimal? sale, DateTimeOffset from, DateTimeOffset? to) => Prices.AddAsync(new PriceRow
    {
        Sku = sku, ListPrice = list, SalePrice = sale, ValidFrom = from, ValidTo = to, CreatedAt = from, CreatedBy = "test",
    }, TestContext.Current.CancellationToken);

    private Task<decimal?> AtAsync(string sku, DateTimeOffset at) => Prices.CurrentAsync(sku, at, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_newest_row_whose_window_contains_the_time_decides_and_its_sale_price_wins()
    {
        var product = await service.AddProductAsync(1, price: 50m, createdAt: T0);
        await AddAsync(product.Sku, 60m, 45m, T0.AddDays(10), T0.AddDays(20)); // a sale for ten days
        await AddAsync(product.Sku, 55m, null, T0.AddDays(15), null);          // a new list price from day 15

        Assert.Null(await AtAsync(product.Sku, T0.AddSeconds(-1)));
        Assert.Equal(50m, await AtAsync(product.Sku, T0));
        Assert.Equal(50m, await AtAsync(product.Sku, T0.AddDays(10).AddTicks(-10)));
        Assert.Equal(45m, await AtAsync(product.Sku, T0.AddDays(10)));
        Assert.Equal(55m, await AtAsync(product.Sku, T0.AddDays(15)));
        Assert.Equal(55m, await AtAsync(product.Sku, T0.AddDays(25)));
    }

    [Fact]
    public async Task When_a_window_closes_the_older_open_row_applies_again()
    {
        var product = await service.AddProductAsync(1, price: 20m, createdAt: T0);
        await AddAsync(product.Sku, 20m, 15m, T0.AddDays(1), T0.AddDays(2));

        Assert.Equal(15m, await AtAsync(product.Sku, T0.AddDays(1).AddHours(1)));
        Assert.Equal(20m, await AtAsync(product.Sku, T0.AddDays(2)));
    }

    [Fact]
    public async Task An_unpriced_product_is_not_listed_and_not_sellable()
    {
        var category = await service.AddCategoryAsync();
        var future = await service.AddProductAsync(3, category, createdAt: DateTimeOffset.UtcNow.AddYears(1));
        var client = service.CreateClient();

        var page = await client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}", TestContext.Current.CancellationToken);
        var quote = await client.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { future.Sku } }, TestContext.Current.CancellationToken);

        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        var item = (await quote.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items")[0];
        Assert.False(item.GetProperty("active").GetBoolean());
    }
}

public sealed class PriceApiTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly Guid _adminId = Guid.CreateVersion7();
    private readonly HttpClient _anonymous = service.CreateClient();

    private HttpClient AdminClient => service.ClientFor(_adminId, Roles.Admin);

    [Fact]
    public async Task A_new_price_adds_to_the_history_and_is_charged_everywhere()
    {
        var category = await service.AddCategoryAsync();
        var product = await service.AddProductAsync(2, category, price: 40m);

        var set = await AdminClient.PutAsJsonAsync($"/api/admin/catalog/products/{product.Id}/price", new { listPrice = 45m, salePrice = 35.5m }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var history = await AdminClient.GetFromJsonAsync<JsonElement>($"/api/admin/catalog/products/{product.Id}/prices", TestContext.Current.CancellationToken);
        Assert.Equal(35.5m, history.GetProperty("currentPrice").GetProperty("amount").GetDecimal());
        var entries = history.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal([45m, 40m], entries.Select(entry => entry.GetProperty("listPrice").GetProperty("amount").GetDecimal()));
        Assert.Equal(_adminId.ToString(), entries[0].GetProperty("createdBy").GetString());
        Assert.Equal(JsonValueKind.Null, entries[1].GetProperty("salePrice").ValueKind);

        var detail = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{product.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(35.5m, detail.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.Equal(45m, detail.GetProperty("listPrice").GetProperty("amount").GetDecimal());
        Assert.True(detail.GetProperty("onSale").GetBoolean());
        Assert.Equal("USD", detail.GetProperty("price").GetProperty("currency").GetString());
        var listed = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products?category={category}", TestContext.Current.CancellationToken);
        Assert.Equal(35.5m, listed.GetProperty("items")[0].GetProperty("price").GetProperty("amount").GetDecimal());
        var quote = await _anonymous.PostAsJsonAsync("/internal/products/quote", new { skus = new[] { product.Sku } }, TestContext.Current.CancellationToken);
        var item = (await quote.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items")[0];
        Assert.Equal(35.5m, item.GetProperty("unitPrice").GetProperty("amount").GetDecimal());
    }

    [Fact]
    public async Task A_future_price_waits_for_its_window()
    {
        var product = await service.AddProductAsync(2, price: 40m);
        var from = DateTimeOffset.UtcNow.AddDays(3);

        var set = await AdminClient.PutAsJsonAsync($"/api/admin/catalog/products/{product.Id}/price",
            new { listPrice = 99m, validFrom = from, validTo = from.AddDays(1) }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        var detail = await _anonymous.GetFromJsonAsync<JsonElement>($"/api/products/{product.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(40m, detail.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.False(detail.GetProperty("onSale").GetBoolean());
    }

    [Theory]
    [InlineData("""{"listPrice":0}""", "listPrice")]
    [InlineData("""{"listPrice":-5}""", "listPrice")]
    [InlineData("""{"listPrice":10,"salePrice":10}""", "salePrice")]
    [InlineData("""{"listPrice":10,"salePrice":-1}""", "salePrice")]
    [InlineData("""{"listPrice":10,"validFrom":"2030-01-02T00:00:00Z","validTo":"2030-01-01T00:00:00Z"}""", "validTo")]
    [InlineData("""{"listPrice":10,"validFrom":"2030-01-02T00:00:00Z","validTo":"2030-01-02T00:00:00Z"}""", "validTo")]
    public async Task Invalid_prices_name_the_field_and_write_nothing(string body, string field)
    {
        var product = await service.AddProductAsync(2, price: 40m);

        var response = await AdminClient.PutAsync($"/api/admin/catalog/products/{product.Id}/price",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
        var history = await AdminClient.GetFromJsonAsync<JsonElement>($"/api/admin/catalog/products/{product.Id}/prices", TestContext.Current.CancellationToken);
        Assert.Single(history.GetProperty("entries").EnumerateArray());
    }

    [Fact]
    public async Task Pricing_an_unknown_product_is_a_404()
    {
        var set = await AdminClient.PutAsJsonAsync($"/api/admin/catalog/products/{Guid.NewGuid()}/price", new { listPrice = 5m }, TestContext.Current.CancellationToken);
        var history = await AdminClient.GetAsync($"/api/admin/catalog/products/{Guid.NewGuid()}/prices", TestContext.Current.CancellationToken);
        await set.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        await history.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}
