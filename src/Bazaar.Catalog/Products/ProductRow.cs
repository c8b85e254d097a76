using System.Text.Json;
using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Products;

/// <summary>A product as stored, with its stock still available for sale (on hand less reserved).</summary>
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
    public required decimal PriceAmount { get; init; }
    public required string Currency { get; init; }
    public string? ImageUrl { get; init; }
    public required string Attributes { get; init; }
    public required string Status { get; init; }
    public required long Available { get; init; }

    public Money Price => new(PriceAmount, Currency);

    public bool IsActive => Status == ProductStatus.Active;

    public ProductSummary ToSummary() => new(Id, Sku, Name, Brand, CategoryId, Price, (int)Available, ImageUrl);

    public ProductDetail ToDetail() => new(Id, Sku, Name, Brand, CategoryId, Price, (int)Available, ImageUrl,
        Description, JsonSerializer.Deserialize(Attributes, CatalogJson.Default.DictionaryStringString) ?? [], Status);

    public QuoteItem ToQuoteItem() => new(Sku, Id, Name, CategoryId, Price, (int)Available, IsActive);
}
