using System.Text.Json;
using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Products;

/// <summary>A product as stored, with its current price and its stock still available for sale
/// (on hand less reserved).</summary>
/// <remarks>Mapped by property name, not by constructor: Dapper matches a constructor on column
/// types, and SQLite cannot type the computed <c>Available</c> column of an empty result (it reports
/// BLOB), which made every query that found nothing fail.</remarks>
internal sealed class ProductRow
{
    public required Guid Id { get; init; }
    public required string Sku { get; init; }
    public required string Name { get; init; }
    public required string Brand { get; init; }
    public required string Description { get; init; }
    public required Guid CategoryId { get; init; }
    public string? ImageUrl { get; init; }
    public required string ImageUrls { get; init; }
    public required string Attributes { get; init; }
    public required string Status { get; init; }
    public required long Available { get; init; }

    /// <summary>As stored (fixed-width UTC text), so a cursor can carry it unchanged.</summary>
    public required string CreatedAt { get; init; }

    /// <summary>The price charged now; null when no price row applies now.</summary>
    public decimal? PriceAmount { get; init; }

    public decimal? ListPrice { get; init; }

    /// <summary>The price the listing sorted by (from the price index; only for listings).</summary>
    public double SortPrice { get; init; }

    /// <summary>Relevance to the search text (only for searches).</summary>
    public long Score { get; init; }

    public bool IsPriced => PriceAmount is not null;

    /// <summary>Sellable: active and priced.</summary>
    public bool IsActive => Status == ProductStatus.Active && IsPriced;

    public ProductSummary ToSummary(string currency) =>
        new(Id, Sku, Name, Brand, CategoryId, Price(currency), (int)Available, ImageUrl);

    public ProductDetail ToDetail(string currency) => new(Id, Sku, Name, Brand, CategoryId, Price(currency), (int)Available, ImageUrl,
        Description, JsonSerializer.Deserialize(Attributes, CatalogJson.Default.DictionaryStringString) ?? [], Status,
        new Money(ListPrice ?? 0m, currency), PriceAmount < ListPrice,
        JsonSerializer.Deserialize(ImageUrls, CatalogJson.Default.ListString) ?? []);

    public QuoteItem ToQuoteItem(string currency) => new(Sku, Id, Name, CategoryId, Price(currency), (int)Available, IsActive);

    private Money Price(string currency) => new(PriceAmount ?? 0m, currency);
}
