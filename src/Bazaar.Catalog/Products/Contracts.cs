using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Products;

public sealed record ProductSummary(
    Guid Id, string Sku, string Name, string Brand, Guid CategoryId, Money Price, int Available, string? ImageUrl);

/// <param name="Price">What the product costs now: the sale price when one applies, else the list price.</param>
/// <param name="OnSale">Whether <paramref name="Price"/> is a sale price below <paramref name="ListPrice"/>.</param>
public sealed record ProductDetail(
    Guid Id, string Sku, string Name, string Brand, Guid CategoryId, Money Price, int Available, string? ImageUrl,
    string Description, IReadOnlyDictionary<string, string> Attributes, string Status,
    Money ListPrice, bool OnSale, IReadOnlyList<string> ImageUrls);

/// <summary>One page of the listing; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, string? Next);

public sealed record QuoteRequest([Required, MinLength(1), MaxLength(100)] string[] Skus);

public sealed record QuoteItem(string Sku, Guid ProductId, string Name, Guid CategoryId, Money UnitPrice, int Available, bool Active);

public sealed record QuoteResponse(IReadOnlyList<QuoteItem> Items);
