using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Seeding;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class SeedingTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_catalog()
    {
        var options = new SeedOptions { Products = 200, Categories = 30, RandomSeed = 42 };

        var first = CatalogGenerator.Generate(options, "EUR", Now);
        var second = CatalogGenerator.Generate(options, "EUR", Now);

        Assert.Equal(first.Categories.Select(c => c.Name), second.Categories.Select(c => c.Name));
        Assert.Equal(Shape(first), Shape(second));
        Assert.All(first.Products, product => Assert.Equal("EUR", product.Currency));
    }

    [Fact]
    public void Another_seed_gives_another_catalog()
    {
        var first = CatalogGenerator.Generate(new SeedOptions { Products = 50, RandomSeed = 1 }, "USD", Now);
        var second = CatalogGenerator.Generate(new SeedOptions { Products = 50, RandomSeed = 2 }, "USD", Now);

        Assert.Equal(first.Products.Select(p => p.Sku), second.Products.Select(p => p.Sku));
        Assert.NotEqual(first.Products.Select(p => p.Name), second.Products.Select(p => p.Name));
    }

    [Fact]
    public void A_generated_catalog_is_a_plausible_shop()
    {
        var catalog = CatalogGenerator.Generate(new SeedOptions { Products = 1000, Categories = 60 }, "USD", Now);

        Assert.Equal(60, catalog.Categories.Count);
        Assert.Equal(60, catalog.Categories.Select(c => c.Slug).Distinct().Count());
        Assert.Equal("SKU-000001", catalog.Products[0].Sku);
        Assert.Equal("SKU-001000", catalog.Products[^1].Sku);
        Assert.All(catalog.Products, p => Assert.InRange(p.Price, 0.99m, 499.99m));
        Assert.All(catalog.Products, p => Assert.Contains(catalog.Categories, c => c.Id == p.CategoryId));
        Assert.InRange(catalog.Products.Count(p => p.OnHand == 0), 1, 300);
        Assert.InRange(catalog.Products.Count(p => p.Status == "Active"), 900, 999);
    }

    [Fact]
    public async Task First_start_seeds_the_configured_catalog()
    {
        var client = service.CreateClient();
        var skus = Enumerable.Range(1, CatalogFactory.SeededProducts + 1).Select(CatalogGenerator.Sku).ToArray();

        var quote = await client.PostAsJsonAsync("/internal/products/quote", new { skus }, TestContext.Current.CancellationToken);
        var items = (await quote.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items");
        var categories = await client.GetFromJsonAsync<JsonElement>("/api/categories", TestContext.Current.CancellationToken);

        var expected = CatalogGenerator.Generate(new SeedOptions { Products = CatalogFactory.SeededProducts, Categories = CatalogFactory.SeededCategories }, "USD", Now);
        Assert.Equal(
            expected.Products.Select(p => (p.Sku, p.Name, p.Price)),
            items.EnumerateArray().Select(item => (item.GetProperty("sku").GetString()!, item.GetProperty("name").GetString()!,
                item.GetProperty("unitPrice").GetProperty("amount").GetDecimal())).OrderBy(item => item.Item1, StringComparer.Ordinal));
        var listed = categories.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.All(expected.Categories, category => Assert.Contains(category.Name, listed));
    }

    private static IEnumerable<(string Sku, string Name, string Brand, decimal Price, int OnHand, string Status)> Shape(SampleCatalog catalog) =>
        catalog.Products.Select(p => (p.Sku, p.Name, p.Brand, p.Price, p.OnHand, p.Status));
}
