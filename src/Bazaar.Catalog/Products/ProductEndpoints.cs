using System.ComponentModel.DataAnnotations;
using System.Text;
using System.Text.Json;
using Bazaar.Catalog.Caching;
using Bazaar.Catalog.Pricing;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Products;

internal static class ProductEndpoints
{
    public const int DefaultPageSize = 20;

    public static void MapProducts(this WebApplication app)
    {
        var products = app.MapGroup("/api/products").WithTags("products").AllowAnonymous();
        products.MapGet("/", List);
        products.MapGet("/{id:guid}", Get);

        app.MapPost("/internal/products/quote", Quote).WithTags("internal");
    }

    /// <summary>Searches and lists active products; by name unless searching (then by relevance)
    /// or told otherwise. Pages are cached briefly and carry an ETag.</summary>
    private static async Task<Results<CachedJsonResult, ValidationProblem>> List(
        [MaxLength(100)] string? q, Guid? category, [MaxLength(100)] string? brand, decimal? minPrice, decimal? maxPrice, bool? inStock,
        [MaxLength(20)] string? sort, [Range(1, 100)] int? limit, string? after,
        HttpRequest request, ProductRepository products, CatalogCache cache, IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        if (!ListingRequest.TryRead(q, category, brand, minPrice, maxPrice, inStock, sort, limit, after, out var query, out var problem))
        {
            return problem;
        }
        var json = await cache.GetOrCreateAsync("list:" + CanonicalQuery(request.Query), async token =>
        {
            var (rows, more, pricesChangeAt) = await products.PageAsync(query, token);
            var next = more ? rows[^1].CursorFor(query.Sort).Encode() : null;
            // A row the index prices but that has no live price at this instant (another replica,
            // its clock a moment ahead, refreshed the index just before this read) is left out
            // rather than listed at 0.00; the cursor still comes from the rows read, so the next
            // page starts in the right place.
            var page = new ProductPage([.. rows.Where(row => row.IsPriced).Select(row => row.ToSummary(catalog.Value.Currency))], next);
            return new FreshJson(JsonSerializer.SerializeToUtf8Bytes(page, CatalogJson.Default.ProductPage), pricesChangeAt);
        }, cancellationToken);
        return new CachedJsonResult(json!);
    }

    private static async Task<Results<CachedJsonResult, ProblemHttpResult>> Get(
        Guid id, ProductRepository products, PriceBook prices, TimeProvider clock, CatalogCache cache, IOptions<CatalogOptions> catalog,
        CancellationToken cancellationToken)
    {
        var json = await cache.GetOrCreateAsync("detail:" + id.ToString("N"), async token =>
        {
            // Asked before the product is read (at a later or equal instant), so a window closing in
            // between makes the page born expired rather than cached past its price.
            var pricesChangeAt = await prices.NextChangeAsync(clock.GetUtcNow(), token);
            var row = await products.FindAsync(id, token);
            return row is null ? null
                : new FreshJson(JsonSerializer.SerializeToUtf8Bytes(row.ToDetail(catalog.Value.Currency), CatalogJson.Default.ProductDetail), pricesChangeAt);
        }, cancellationToken);
        return json is null ? Problem.NotFound($"There is no product {id}.") : new CachedJsonResult(json);
    }

    /// <summary>Current names, prices and stock of the given SKUs, for other services (the cart
    /// shows them, checkout charges them). Never cached: it must be live. Never routed by the gateway.</summary>
    private static async Task<Ok<QuoteResponse>> Quote(
        QuoteRequest request, ProductRepository products, IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        var skus = request.Skus.Where(sku => !string.IsNullOrEmpty(sku)).Distinct(StringComparer.Ordinal).ToArray();
        var rows = await products.FindBySkusAsync(skus, cancellationToken);
        return TypedResults.Ok(new QuoteResponse([.. rows.Select(row => row.ToQuoteItem(catalog.Value.Currency))]));
    }

    /// <summary>The same query in any parameter order is the same cache entry.</summary>
    private static string CanonicalQuery(IQueryCollection query)
    {
        var text = new StringBuilder();
        foreach (var (key, values) in query.OrderBy(pair => pair.Key, StringComparer.OrdinalIgnoreCase))
        {
            text.Append(Uri.EscapeDataString(key.ToLowerInvariant())).Append('=').Append(Uri.EscapeDataString(values.ToString())).Append('&');
        }
        return text.ToString();
    }
}
