using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Catalog.Seeding;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class SeedingTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_same_seed_gives_the_same_catalog()
    {
        var options = new SeedOptions { Products = 200, Categories = 30, RandomSeed = 42 };

        var first = CatalogGenerator.Generate(options, Now);
        var second = CatalogGenerator.Generate(options, Now);

        Assert.Equal(first.Categories.Select(c => c.Name), second.Categories.Select(c => c.Name));
        Assert.Equal(Shape(first), Shape(second));
    }

    [Fact]
    public void Another_seed_gives_another_catalog()
    {
        var first = CatalogGenerator.Generate(new SeedOptions { Products = 50, RandomSeed = 1 }, Now);
        var second = CatalogGenerator.Generate(new SeedOptions { Products = 50, RandomSeed = 2 }, Now);

        Assert.Equal(first.Products.Select(p => p.Sku), second.Products.Select(p => p.Sku));
        Assert.NotEqual(first.Products.Select(p => p.Name), second.Products.Select(p => p.Name));
    }

    [Fact]
    public void A_generated_catalog_is_a_plausible_shop()
    {
        var catalog = CatalogGenerator.Generate(new SeedOptions { Products = 1000, Categories = 60 }, Now);

        Assert.Equal(60, catalog.Categories.Count);
        Assert.Equal(60, catalog.Categories.Select(c => c.Slug).Distinct().Count());
        Assert.Equal("SKU-000001", catalog.Products[0].Sku);
        Assert.Equal("SKU-001000", catalog.Products[^1].Sku);
        Assert.All(catalog.Products, p => Assert.InRange(p.Price, 0.99m, 499.99m));
        Assert.All(catalog.Products, p => Assert.Contains(catalog.Categories, c => c.Id == p.CategoryId));
        Assert.InRange(catalog.Products.Count(p => p.OnHand == 0), 1, 300);
        Assert.InRange(catalog.Products.Count(p => p.Status == "active"), 900, 999);
    }

    [Fact]
    public void Categories_form_a_two_level_tree_and_some_products_are_on_sale()
    {
        var catalog = CatalogGenerator.Generate(new SeedOptions { Products = 1000, Categories = 20 }, Now);

        var topLevel = catalog.Categories.Where(c => c.ParentId is null).Select(c => c.Id).ToHashSet();
        Assert.Equal(10, topLevel.Count);
        Assert.All(catalog.Categories.Where(c => c.ParentId is not null), c => Assert.Contains(c.ParentId!.Value, topLevel));
        var onSale = catalog.Products.Where(p => p.SalePrice is not null).ToList();
        Assert.InRange(onSale.Count, 50, 300);
        Assert.All(onSale, p => Assert.InRange(p.SalePrice!.Value, 0.01m, p.Price - 0.01m));
    }

    [Fact]
    public async Task Seeding_writes_a_first_price_row_per_product()
    {
        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var priced = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(DISTINCT sku) FROM prices WHERE created_by = 'seed' AND sku LIKE 'SKU-%'");
        Assert.Equal(CatalogFactory.SeededProducts, priced);
    }

    [Fact]
    public async Task First_start_seeds_the_configured_catalog()
    {
        var client = service.CreateClient();
        var skus = Enumerable.Range(1, CatalogFactory.SeededProducts + 1).Select(CatalogGenerator.Sku).ToArray();

        var quote = await client.PostAsJsonAsync("/internal/products/quote", new { skus }, TestContext.Current.CancellationToken);
        var items = (await quote.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("items");
        var categories = await client.GetFromJsonAsync<JsonElement>("/api/categories", TestContext.Current.CancellationToken);

        var expected = CatalogGenerator.Generate(new SeedOptions { Products = CatalogFactory.SeededProducts, Categories = CatalogFactory.SeededCategories }, Now);
        Assert.Equal(
            expected.Products.Select(p => (p.Sku, p.Name, p.CurrentPrice)),
            items.EnumerateArray().Select(item => (item.GetProperty("sku").GetString()!, item.GetProperty("name").GetString()!,
                item.GetProperty("unitPrice").GetProperty("amount").GetDecimal())).OrderBy(item => item.Item1, StringComparer.Ordinal));
        var listed = categories.EnumerateArray().Select(c => c.GetProperty("name").GetString()).ToList();
        Assert.All(expected.Categories, category => Assert.Contains(category.Name, listed));
    }

    private static IEnumerable<(string Sku, string Name, string Brand, decimal Price, decimal? Sale, int OnHand, string Status)> Shape(SampleCatalog catalog) =>
        catalog.Products.Select(p => (p.Sku, p.Name, p.Brand, p.Price, p.SalePrice, p.OnHand, p.Status));
}

/// <summary>A replica stopped while writing the sample catalog leaves it whole after a restart.</summary>
public sealed class InterruptedSeedingTests(InterruptedSeedingTests.EmptyCatalogFactory service) : IClassFixture<InterruptedSeedingTests.EmptyCatalogFactory>
{
    public sealed class EmptyCatalogFactory : CatalogFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [new("Catalog:Seed:Products", "0")];
    }

    [Fact]
    public async Task A_seed_cut_short_after_its_first_batch_is_finished_by_the_next_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var writer = service.Services.GetRequiredService<CatalogWriter>();
        var database = service.Services.GetRequiredService<Database>();
        var sample = CatalogGenerator.Generate(new SeedOptions { Products = CatalogWriter.BatchSize * 2 + 500, Categories = 8 }, DateTimeOffset.UtcNow);

        // As if the process died after the first batch: the marker still says 'writing'.
        Assert.True(await writer.SeedAsync(sample with { Products = [.. sample.Products.Take(CatalogWriter.BatchSize)] }, ct));
        await using (var connection = await database.OpenAsync(ct))
        {
            await connection.ExecuteAsync("UPDATE catalog_seed SET state = 'writing'");
        }
        Assert.True(await writer.NeedsSeedAsync(ct));

        var regenerated = CatalogGenerator.Generate(new SeedOptions { Products = CatalogWriter.BatchSize * 2 + 500, Categories = 8 }, DateTimeOffset.UtcNow);
        Assert.True(await writer.SeedAsync(regenerated, ct));

        await using var check = await database.OpenAsync(ct);
        Assert.Equal(sample.Products.Count, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM products"));
        Assert.Equal(sample.Products.Count, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM inventory"));
        // The resumed batches were generated again: they must still point at the categories written first.
        Assert.Equal(0, await check.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM products p WHERE NOT EXISTS (SELECT 1 FROM categories c WHERE c.id = p.category_id)"));
        Assert.False(await writer.NeedsSeedAsync(ct));
        Assert.False(await writer.SeedAsync(sample, ct)); // done: a further start writes nothing
    }
}
