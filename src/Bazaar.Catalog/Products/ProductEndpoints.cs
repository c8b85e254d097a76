using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

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

    private static async Task<Results<Ok<ProductPage>, ValidationProblem>> List(
        Guid? category, [MaxLength(100)] string? q, [Range(1, 100)] int? limit, string? after,
        ProductRepository products, CancellationToken cancellationToken)
    {
        ProductCursor? cursor = null;
        if (after is not null && !ProductCursor.TryDecode(after, out cursor))
        {
            return Problem.Invalid("after", "The cursor is not one this service gave out; pass the 'next' value of the previous page.");
        }
        var text = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var query = new ProductQuery(category, text, limit ?? DefaultPageSize, cursor);
        var (rows, more) = await products.PageAsync(query, cancellationToken);
        var next = more ? new ProductCursor(rows[^1].Name, rows[^1].Id).Encode() : null;
        return TypedResults.Ok(new ProductPage([.. rows.Select(row => row.ToSummary())], next));
    }

    private static async Task<Results<Ok<ProductDetail>, ProblemHttpResult>> Get(
        Guid id, ProductRepository products, CancellationToken cancellationToken)
    {
        var row = await products.FindAsync(id, cancellationToken);
        return row is null ? Problem.NotFound($"There is no product {id}.") : TypedResults.Ok(row.ToDetail());
    }

    /// <summary>Current names, prices and stock of the given SKUs, for other services (the cart
    /// shows them, checkout charges them). Never routed by the gateway.</summary>
    private static async Task<Ok<QuoteResponse>> Quote(QuoteRequest request, ProductRepository products, CancellationToken cancellationToken)
    {
        var skus = request.Skus.Where(sku => !string.IsNullOrEmpty(sku)).Distinct(StringComparer.Ordinal).ToArray();
        var rows = await products.FindBySkusAsync(skus, cancellationToken);
        return TypedResults.Ok(new QuoteResponse([.. rows.Select(row => row.ToQuoteItem())]));
    }
}
