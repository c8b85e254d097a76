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
    /// or told otherwise. Pages are cached briefly and carry an ETag; served stale while the
    /// database cannot be read (see <see cref="CatalogCache"/>).</summary>
    private static async Task<Results<CachedJsonResult, ValidationProblem, ProblemHttpResult>> List(
        [MaxLength(100)] string? q, Guid? category, [MaxLength(100)] string? brand, decimal? minPrice, decimal? maxPrice, bool? inStock,
        [MaxLength(20)] string? sort, [Range(1, 100)] int? limit, string? after,
        HttpContext http, ProductRepository products, CatalogCache cache, IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        if (!ListingRequest.TryRead(q, category, brand, minPrice, maxPrice, inStock, sort, limit, after, out var query, out var problem))
        {
            return problem;
        }
        CatalogPage? page;
        try
        {
            page = await cache.GetOrCreateAsync("list:" + CanonicalQuery(http.Request.Query), async token =>
            {
                var (rows, more, pricesChangeAt) = await products.PageAsync(query, token);
                var next = more ? rows[^1].CursorFor(query.Sort).Encode() : null;
                // A row the index prices but that has no live price at this instant (another replica,
                // its clock a moment ahead, refreshed the index just before this read) is left out
                // rather than listed at 0.00; the cursor still comes from the rows read, so the next
                // page starts in the right place.
                var listing = new ProductPage([.. rows.Where(row => row.IsPriced).Select(row => row.ToSummary(catalog.Value.Currency))], next);
                return new FreshJson(JsonSerializer.SerializeToUtf8Bytes(listing, CatalogJson.Default.ProductPage), pricesChangeAt);
            }, cancellationToken);
        }
        catch (CatalogUnavailableException)
        {
            return CatalogUnavailable.Answer(http);
        }
        return new CachedJsonResult(page!);
    }

    private static async Task<Results<CachedJsonResult, ProblemHttpResult>> Get(
        Guid id, HttpContext http, ProductRepository products, PriceBook prices, TimeProvider clock, CatalogCache cache, IOptions<CatalogOptions> catalog,
        CancellationToken cancellationToken)
    {
        CatalogPage? page;
        try
        {
            page = await cache.GetOrCreateAsync("detail:" + id.ToString("N"), async token =>
            {
                // Asked before the product is read (at a later or equal instant), so a window closing in
                // between makes the page born expired rather than cached past its price.
                var pricesChangeAt = await prices.NextChangeAsync(clock.GetUtcNow(), token);
                var row = await products.FindAsync(id, token);
                return row is null ? null
                    : new FreshJson(JsonSerializer.SerializeToUtf8Bytes(row.ToDetail(catalog.Value.Currency), CatalogJson.Default.ProductDetail), pricesChangeAt);
            }, cancellationToken);
        }
        catch (CatalogUnavailableException)
        {
            return CatalogUnavailable.Answer(http);
        }
        return page is null ? Problem.NotFound($"There is no product {id}.") : new CachedJsonResult(page);
    }

    /// <summary>Current names, prices and stock of the given SKUs, for other services (the cart
    /// shows them, checkout charges them). Never cached, so never stale: it must be live, and is a
    /// 503 while the database cannot be read. Never routed by the gateway.</summary>
    private static async Task<Results<Ok<QuoteResponse>, ProblemHttpResult>> Quote(
        QuoteRequest request, HttpContext http, ProductRepository products, IOptions<CatalogOptions> catalog, CancellationToken cancellationToken)
    {
        var skus = request.Skus.Where(sku => !string.IsNullOrEmpty(sku)).Distinct(StringComparer.Ordinal).ToArray();
        IReadOnlyList<ProductRow> rows;
        try
        {
            rows = await products.FindBySkusAsync(skus, cancellationToken);
        }
        catch (Exception exception) when (CatalogUnavailable.IsReadFailure(exception))
        {
            return CatalogUnavailable.Answer(http);
        }
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
