using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Pricing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>Prices whose windows open and close as the (fake) clock moves.</summary>
public sealed class PriceWindowTests(ClockedCatalogFactory service) : IClassFixture<ClockedCatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    [Fact]
    public async Task A_sale_window_reorders_the_listing_once_it_opens_and_again_once_it_closes()
    {
        var category = await service.AddCategoryAsync();
        var now = service.Clock.GetUtcNow();
        var cheap = await service.AddProductAsync(5, category, "Cheap", price: 10m);
        var dear = await service.AddProductAsync(5, category, "Dear", price: 20m);
        await service.Services.GetRequiredService<PriceBook>().AddAsync(new PriceRow
        {
            Sku = dear.Sku, ListPrice = 20m, SalePrice = 5m, ValidFrom = now.AddMinutes(1), ValidTo = now.AddMinutes(2),
            CreatedAt = now, CreatedBy = "test",
        }, TestContext.Current.CancellationToken);

        async Task<string[]> CheapestFirstAsync(int limit)
        {
            // A limit of its own per call: a fresh page rather than one cached a moment ago.
            var page = await _client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}&sort=price_asc&limit={limit}", TestContext.Current.CancellationToken);
            return [.. page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("sku").GetString()!)];
        }

        Assert.Equal([cheap.Sku, dear.Sku], await CheapestFirstAsync(10));

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.Services.GetRequiredService<PriceIndex>().RefreshDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal([dear.Sku, cheap.Sku], await CheapestFirstAsync(11));
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{dear.Id}", TestContext.Current.CancellationToken);
        Assert.True(detail.GetProperty("onSale").GetBoolean());

        service.Clock.Advance(TimeSpan.FromMinutes(1));
        await service.Services.GetRequiredService<PriceIndex>().RefreshDueAsync(TestContext.Current.CancellationToken);
        Assert.Equal([cheap.Sku, dear.Sku], await CheapestFirstAsync(12));
    }

    private async Task<(string Sku, decimal Price)[]> ListAsync(string url)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
        return [.. page.GetProperty("items").EnumerateArray()
            .Select(item => (item.GetProperty("sku").GetString()!, item.GetProperty("price").GetProperty("amount").GetDecimal()))];
    }

    private Task AddPriceAsync(string sku, decimal listPrice, decimal? salePrice, DateTimeOffset from, DateTimeOffset to) =>
        service.Services.GetRequiredService<PriceBook>().AddAsync(new PriceRow
        {
            Sku = sku, ListPrice = listPrice, SalePrice = salePrice, ValidFrom = from, ValidTo = to, CreatedAt = service.Clock.GetUtcNow(), CreatedBy = "test",
        }, TestContext.Current.CancellationToken);

    [Fact]
    public async Task The_listing_shows_the_list_price_again_the_moment_a_sale_ends_before_any_refresh()
    {
        var category = await service.AddCategoryAsync();
        var now = service.Clock.GetUtcNow();
        var cheap = await service.AddProductAsync(5, category, "Cheap", price: 10m);
        var dear = await service.AddProductAsync(5, category, "Dear", price: 20m);
        await AddPriceAsync(dear.Sku, 20m, 5m, now, now.AddMinutes(1));
        // The same address both times: neither the price index nor a cached page may outlive the sale.
        var url = $"/api/products?category={category}&sort=price_asc";
        Assert.Equal([(dear.Sku, 5m), (cheap.Sku, 10m)], await ListAsync(url));
        var onSale = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{dear.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(5m, onSale.GetProperty("price").GetProperty("amount").GetDecimal());

        service.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([(cheap.Sku, 10m), (dear.Sku, 20m)], await ListAsync(url));
        var detail = await _client.GetFromJsonAsync<JsonElement>($"/api/products/{dear.Id}", TestContext.Current.CancellationToken);
        Assert.Equal(20m, detail.GetProperty("price").GetProperty("amount").GetDecimal());
        Assert.False(detail.GetProperty("onSale").GetBoolean());
    }

    [Fact]
    public async Task A_product_whose_only_price_window_closed_leaves_the_listing_at_once_rather_than_showing_zero()
    {
        var category = await service.AddCategoryAsync();
        var now = service.Clock.GetUtcNow();
        // Its list price starts in an hour; until then only a one-minute early-bird price applies.
        var preview = await service.AddProductAsync(5, category, "Preview", price: 30m, createdAt: now.AddHours(1));
        await AddPriceAsync(preview.Sku, 25m, null, now, now.AddMinutes(1));
        var url = $"/api/products?category={category}";
        Assert.Equal([(preview.Sku, 25m)], await ListAsync(url));

        service.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await ListAsync(url));
        Assert.Empty(await ListAsync(url + "&sort=price_asc"));
    }
}
