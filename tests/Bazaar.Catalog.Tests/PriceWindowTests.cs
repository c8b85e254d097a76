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
}
