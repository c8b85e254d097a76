using System.Text.Json;
using Bazaar.Platform.Money;

namespace Bazaar.Catalog.Products;

/// <summary>A product as stored, with its stock still available for sale (on hand less reserved).
/// Parameters follow the column order of <see cref="ProductRepository"/>'s SELECT, as Dapper needs.</summary>
internal sealed record ProductRow(
    Guid Id, string Sku, string Name, string Brand, string Description, Guid CategoryId,
    decimal PriceAmount, string Currency, string? ImageUrl, string Attributes, string Status, long Available)
{
    public Money Price => new(PriceAmount, Currency);

    public bool IsActive => Status == ProductStatus.Active;

    public ProductSummary ToSummary() => new(Id, Sku, Name, Brand, CategoryId, Price, (int)Available, ImageUrl);

    public ProductDetail ToDetail() => new(Id, Sku, Name, Brand, CategoryId, Price, (int)Available, ImageUrl,
        Description, JsonSerializer.Deserialize(Attributes, CatalogJson.Default.DictionaryStringString) ?? [], Status);

    public QuoteItem ToQuoteItem() => new(Sku, Id, Name, CategoryId, Price, (int)Available, IsActive);
}
