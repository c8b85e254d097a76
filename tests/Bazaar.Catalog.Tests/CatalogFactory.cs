using Bazaar.Catalog.Caching;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Seeding;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Dapper;
using Xunit;
using Microsoft.Extensions.DependencyInjection;

namespace Bazaar.Catalog.Tests;

/// <summary>product-service on its own database with a small seeded catalog, plus helpers that add
/// products whose stock each test controls.</summary>
public class CatalogFactory : ServiceFactory<Program>, IAsyncLifetime
{
    /// <summary>The sample catalog is written after start-up; tests begin once the service says
    /// it is ready, as the Host's readiness probe would.</summary>
    public async ValueTask InitializeAsync()
    {
        using var client = CreateClient();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        while (!(await client.GetAsync("/health/ready", deadline.Token)).IsSuccessStatusCode)
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    public const int SeededProducts = 30;
    public const int SeededCategories = 4;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Catalog:Seed:Products", SeededProducts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Catalog:Seed:Categories", SeededCategories.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];

    public static string NewSku() => "T-" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    /// <summary>A category of its own, so a test can list exactly the products it added.</summary>
    public async Task<Guid> AddCategoryAsync(Guid? parentId = null)
    {
        var name = "Test " + Guid.NewGuid().ToString("N");
        var category = new Category(Guid.CreateVersion7(), name, Category.Slugify(name), parentId);
        await Writer.AddAsync(new SampleCatalog([category], []), TestContext.Current.CancellationToken);
        return category.Id;
    }

    public async Task<TestProduct> AddProductAsync(
        int onHand, Guid? categoryId = null, string? name = null, decimal price = 19.99m, string status = "active", decimal? salePrice = null,
        string brand = "Acme", DateTimeOffset? createdAt = null)
    {
        var sku = NewSku();
        var product = new NewProduct(Guid.CreateVersion7(), sku, name ?? "Product " + sku, brand, "A thing.",
            categoryId ?? await AddCategoryAsync(), price, salePrice, null, new() { ["color"] = "red" }, status, onHand,
            createdAt ?? Services.GetRequiredService<TimeProvider>().GetUtcNow());
        await Writer.AddAsync(new SampleCatalog([], [product]), TestContext.Current.CancellationToken);
        // Written behind the API's back, so the API's page cache must be told.
        Services.GetRequiredService<CatalogCache>().Invalidate();
        return new TestProduct(product.Id, product.Sku, product.Name, product.CategoryId);
    }

    /// <summary>The stock row as stored, read behind the API's back.</summary>
    public async Task<(long OnHand, long Reserved)> StockAsync(string sku)
    {
        await using var connection = await Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        return await connection.QuerySingleAsync<(long, long)>("SELECT on_hand, reserved FROM inventory WHERE sku = @sku", new { sku });
    }

    private CatalogWriter Writer => Services.GetRequiredService<CatalogWriter>();
}

public sealed record TestProduct(Guid Id, string Sku, string Name, Guid CategoryId);
