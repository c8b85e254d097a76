using Bazaar.Catalog.Categories;

namespace Bazaar.Catalog.Seeding;

/// <summary>Categories and products (with their stock on hand and first price) to be written together.</summary>
internal sealed record SampleCatalog(IReadOnlyList<Category> Categories, IReadOnlyList<NewProduct> Products);

/// <param name="Price">The list price.</param>
/// <param name="SalePrice">A sale price below it, or null.</param>
internal sealed record NewProduct(
    Guid Id, string Sku, string Name, string Brand, string Description, Guid CategoryId, decimal Price, decimal? SalePrice,
    string? ImageUrl, Dictionary<string, string> Attributes, string Status, int OnHand, DateTimeOffset CreatedAt)
{
    /// <summary>What it sells for while its first price applies.</summary>
    public decimal CurrentPrice => SalePrice ?? Price;
}
