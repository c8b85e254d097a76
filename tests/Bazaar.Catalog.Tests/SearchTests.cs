using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Products;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Bazaar.Catalog.Seeding;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Catalog.Tests;

/// <summary>A catalog of ten thousand generated products, seeded by the service itself on start.</summary>
public sealed class LargeCatalogFactory : CatalogFactory
{
    public static readonly SeedOptions Seed = new() { Products = 10_000, Categories = 12 };

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Catalog:Seed:Products", Seed.Products.ToString(CultureInfo.InvariantCulture)),
        new("Catalog:Seed:Categories", Seed.Categories.ToString(CultureInfo.InvariantCulture)),
    ];
}

/// <summary>Walks every page of filtered searches over the large catalog and compares them with
/// the answer worked out here from the generator's output, independently of the service's SQL.</summary>
public sealed partial class SearchTests(LargeCatalogFactory service) : IClassFixture<LargeCatalogFactory>
{
    private const decimal MinPrice = 20m;
    private const decimal MaxPrice = 300m;
    private const string Word = "steel";

    private static readonly SampleCatalog Generated = CatalogGenerator.Generate(LargeCatalogFactory.Seed, DateTimeOffset.UnixEpoch);
    private readonly HttpClient _client = service.CreateClient();

    /// <summary>The two first top-level categories that have sub-categories: one to read, one to write into.</summary>
    private static (Category Read, Category Write) TopCategories()
    {
        var parents = Generated.Categories.Where(c => c.ParentId is null && Generated.Categories.Any(child => child.ParentId == c.Id)).ToList();
        return (parents[0], parents[1]);
    }

    private static HashSet<Guid> Subtree(Category top)
    {
        var ids = new HashSet<Guid> { top.Id };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var category in Generated.Categories)
            {
                if (category.ParentId is { } parent && ids.Contains(parent) && ids.Add(category.Id)) grew = true;
            }
        }
        return ids;
    }

    private static bool Matches(string text) => Tokens().Matches(text).Any(token => token.Value.StartsWith(Word, StringComparison.OrdinalIgnoreCase));

    private static int Score(NewProduct product) => (Matches(product.Name) ? 4 : 0) + (Matches(product.Brand) ? 2 : 0) + (Matches(product.Description) ? 1 : 0);

    /// <summary>What the filtered query must return, from the generator alone.</summary>
    private static Dictionary<string, NewProduct> Expected(Category top, string sort)
    {
        var subtree = Subtree(top);
        return Generated.Products
            .Where(p => p.Status == "active" && subtree.Contains(p.CategoryId))
            .Where(p => sort == "relevance" ? Score(p) > 0 : p.OnHand > 0 && p.CurrentPrice >= MinPrice && p.CurrentPrice <= MaxPrice)
            .ToDictionary(p => p.Sku, StringComparer.Ordinal);
    }

    private async Task<Guid> ServerIdOfAsync(Category category)
    {
        var categories = await _client.GetFromJsonAsync<JsonElement>("/api/categories", TestContext.Current.CancellationToken);
        return categories.EnumerateArray().Single(c => c.GetProperty("name").GetString() == category.Name).GetProperty("id").GetGuid();
    }

    private static string Query(Guid category, string sort) => sort == "relevance"
        ? $"/api/products?category={category}&q={Word}&sort=relevance&limit=50"
        : string.Create(CultureInfo.InvariantCulture, $"/api/products?category={category}&inStock=true&minPrice={MinPrice}&maxPrice={MaxPrice}&sort={sort}&limit=50");

    private async Task<List<JsonElement>> WalkAsync(string firstUrl, Func<Task>? betweenPages = null)
    {
        var items = new List<JsonElement>();
        var url = firstUrl;
        for (var pages = 0; pages < 1000; pages++)
        {
            var page = await _client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (page.GetProperty("next").GetString() is not { } next) return items;
            url = firstUrl + "&after=" + Uri.EscapeDataString(next);
            if (betweenPages is not null) await betweenPages();
        }
        throw new InvalidOperationException("The walk did not end.");
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetGuid().ToString("D").ToUpperInvariant();

    private static decimal Price(JsonElement item) => item.GetProperty("price").GetProperty("amount").GetDecimal();

    [Theory]
    [InlineData("name")]
    [InlineData("price_asc")]
    [InlineData("price_desc")]
    [InlineData("newest")]
    [InlineData("relevance")]
    public async Task Every_page_of_a_filtered_query_adds_up_to_exactly_the_expected_products_in_order(string sort)
    {
        var (top, _) = TopCategories();
        var expected = Expected(top, sort);
        Assert.True(expected.Count > 100, $"the query finds a good number of products ({expected.Count})");

        var items = await WalkAsync(Query(await ServerIdOfAsync(top), sort));

        var skus = items.Select(item => item.GetProperty("sku").GetString()!).ToList();
        Assert.Equal(skus.Count, skus.Distinct().Count());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), skus.Order(StringComparer.Ordinal));
        foreach (var item in items)
        {
            var product = expected[item.GetProperty("sku").GetString()!];
            Assert.Equal(product.CurrentPrice, Price(item));
            Assert.Equal(product.Name, item.GetProperty("name").GetString());
        }
        for (var i = 1; i < items.Count; i++)
        {
            var (before, after) = (items[i - 1], items[i]);
            var idOrder = string.CompareOrdinal(Id(before), Id(after));
            var inOrder = sort switch
            {
                "name" => string.CompareOrdinal(before.GetProperty("name").GetString(), after.GetProperty("name").GetString()) is var c && (c < 0 || c == 0 && idOrder < 0),
                "price_asc" => Price(before) < Price(after) || Price(before) == Price(after) && idOrder < 0,
                "price_desc" => Price(before) > Price(after) || Price(before) == Price(after) && idOrder > 0,
                "relevance" => Score(expected[before.GetProperty("sku").GetString()!]) is var s1 && Score(expected[after.GetProperty("sku").GetString()!]) is var s2
                    && (s1 > s2 || s1 == s2 && idOrder > 0),
                _ => idOrder > 0, // newest: the seed writes every product at the same instant, so id decides
            };
            Assert.True(inOrder, $"items {i - 1} and {i} are in {sort} order");
        }
    }

    [Theory]
    [InlineData("name")]
    [InlineData("price_asc")]
    [InlineData("price_desc")]
    [InlineData("newest")]
    [InlineData("relevance")]
    public async Task Products_added_between_pages_neither_repeat_nor_hide_the_original_ones(string sort)
    {
        var (_, top) = TopCategories();
        var expected = Expected(top, sort);
        var serverCategory = await ServerIdOfAsync(top);
        var random = new Random(sort.Length);

        var items = await WalkAsync(Query(serverCategory, sort), async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                var name = $"{(char)('A' + random.Next(26))}{random.Next(1000)} Steel Thing";
                await service.AddProductAsync(5, serverCategory, name, price: random.Next((int)MinPrice, (int)MaxPrice) + 0.99m);
            }
        });

        var skus = items.Select(item => item.GetProperty("sku").GetString()!).ToList();
        Assert.Equal(skus.Count, skus.Distinct().Count());
        Assert.Equal(expected.Keys.Order(StringComparer.Ordinal), skus.Where(expected.ContainsKey).Order(StringComparer.Ordinal));
        Assert.All(skus.Where(sku => !expected.ContainsKey(sku)), sku => Assert.StartsWith("T-", sku));
    }

    [Fact]
    public async Task A_brand_filter_finds_that_brand_only()
    {
        var brand = Generated.Products.GroupBy(p => p.Brand).OrderByDescending(g => g.Count()).First().Key;
        var expected = Generated.Products.Where(p => p.Status == "active" && p.Brand == brand).Select(p => p.Sku).Order(StringComparer.Ordinal);

        var items = await WalkAsync("/api/products?limit=100&brand=" + Uri.EscapeDataString(brand.ToUpperInvariant()));

        Assert.Equal(expected, items.Select(item => item.GetProperty("sku").GetString()!).Order(StringComparer.Ordinal));
    }

    /// <summary>Plans, not timings: each listing walks the index made for it rather than sorting
    /// the whole catalog (checked on the large catalog, after the seeder's ANALYZE).</summary>
    [Theory]
    [InlineData(ProductSort.PriceAsc, null, "ix_current_prices_amount_product_id")]
    [InlineData(ProductSort.PriceDesc, null, "ix_current_prices_amount_product_id")]
    [InlineData(ProductSort.Name, null, "ix_products_status_name_id")]
    [InlineData(ProductSort.Newest, null, "ix_products_status_created_at_id")]
    [InlineData(ProductSort.Name, "Some Brand", "ix_products_brand")]
    internal async Task Listings_use_their_indexes(ProductSort sort, string? brand, string index)
    {
        var query = new ProductQuery([], null, brand, null, null, false, sort, 20, null);
        var (sql, parameters) = ProductRepository.PageCommand(query, DateTimeOffset.UtcNow);

        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var plan = string.Join("\n", (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters)).Select(row => row.Detail));

        Assert.Contains(index, plan, StringComparison.Ordinal);
    }

    /// <summary>Refreshing one product's price entry reads that SKU's own price rows, never every
    /// row whose window ends in the future (which made each price write as slow as the catalog had sales).</summary>
    [Fact]
    public async Task Refreshing_a_price_entry_reads_only_that_skus_prices()
    {
        var sql = Bazaar.Catalog.Pricing.PriceIndex.RefreshSql("p.sku = @Sku").Replace("INSERT OR REPLACE INTO current_prices (sku, product_id, amount, changes_at)", "", StringComparison.Ordinal);

        await using var connection = await service.Services.GetRequiredService<Database>().OpenAsync(TestContext.Current.CancellationToken);
        var plan = (await connection.QueryAsync<(long, long, long, string Detail)>("EXPLAIN QUERY PLAN " + sql,
            new { Sku = Generated.Products[0].Sku, Now = DateTimeOffset.UtcNow })).Select(row => row.Detail).ToList();

        Assert.DoesNotContain(plan, step => step.Contains("ix_prices_valid_to", StringComparison.Ordinal) || step.Contains("ix_prices_valid_from", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("SEARCH prices USING INDEX ix_prices_sku_seq (sku=?)", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Tokens();
}

public sealed class ListingValidationTests(CatalogFactory service) : IClassFixture<CatalogFactory>
{
    private readonly HttpClient _client = service.CreateClient();

    private async Task<string> NextOfAsync(string url)
    {
        var page = await _client.GetFromJsonAsync<JsonElement>(url, TestContext.Current.CancellationToken);
        return page.GetProperty("next").GetString()!;
    }

    [Theory]
    [InlineData("sort=cheapest", "sort")]
    [InlineData("sort=relevance", "sort")]
    [InlineData("minPrice=10&maxPrice=5", "minPrice")]
    [InlineData("minPrice=-1", "minPrice")]
    [InlineData("maxPrice=-0.01", "maxPrice")]
    [InlineData("q=%21%21", "q")]
    [InlineData("after=%21%21%21", "after")]
    public async Task Bad_listing_parameters_name_the_field(string query, string field)
    {
        var response = await _client.GetAsync("/api/products?" + query, TestContext.Current.CancellationToken);
        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}: {problem}");
    }

    [Fact]
    public async Task A_cursor_of_another_sort_is_refused()
    {
        var byName = await NextOfAsync("/api/products?limit=2");
        var byPrice = await NextOfAsync("/api/products?limit=2&sort=price_asc");

        var mixed = await _client.GetAsync("/api/products?sort=price_asc&after=" + Uri.EscapeDataString(byName), TestContext.Current.CancellationToken);
        var mixedBack = await _client.GetAsync("/api/products?sort=newest&after=" + Uri.EscapeDataString(byPrice), TestContext.Current.CancellationToken);

        Assert.True((await mixed.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("after", out _));
        Assert.True((await mixedBack.AssertProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("after", out _));
    }

    [Fact]
    public async Task In_stock_and_price_range_filter_the_listing()
    {
        var category = await service.AddCategoryAsync();
        var cheap = await service.AddProductAsync(3, category, "Cheap", price: 5m);
        await service.AddProductAsync(0, category, "Sold out", price: 6m);
        var dear = await service.AddProductAsync(3, category, "Dear", price: 50m, salePrice: 9.5m);
        await service.AddProductAsync(3, category, "Dearer", price: 60m);

        var page = await _client.GetFromJsonAsync<JsonElement>($"/api/products?category={category}&inStock=true&minPrice=5&maxPrice=10&sort=price_desc", TestContext.Current.CancellationToken);

        Assert.Equal([dear.Sku, cheap.Sku], page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("sku").GetString()));
    }
}
