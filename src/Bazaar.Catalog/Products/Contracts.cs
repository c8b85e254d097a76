using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Products;

public sealed record ProductSummary(
    Guid Id, string Sku, string Name, string Brand, Guid CategoryId, Money Price, int Available, string? ImageUrl);

public sealed record ProductDetail(
    Guid Id, string Sku, string Name, string Brand, Guid CategoryId, Money Price, int Available, string? ImageUrl,
    string Description, IReadOnlyDictionary<string, string> Attributes, string Status);

/// <summary>One page of the listing; <see cref="Next"/> is the cursor of the following page, null on the last.</summary>
public sealed record ProductPage(IReadOnlyList<ProductSummary> Items, string? Next);

public sealed record QuoteRequest([Required, MinLength(1), MaxLength(100)] string[] Skus);

public sealed record QuoteItem(string Sku, Guid ProductId, string Name, Guid CategoryId, Money UnitPrice, int Available, bool Active);

public sealed record QuoteResponse(IReadOnlyList<QuoteItem> Items);
