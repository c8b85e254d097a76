using Bazaar.Catalog.Categories;

namespace Bazaar.Catalog.Seeding;

/// <summary>Categories and products (with their stock on hand) to be written together.</summary>
internal sealed record SampleCatalog(IReadOnlyList<Category> Categories, IReadOnlyList<NewProduct> Products);

internal sealed record NewProduct(
    Guid Id, string Sku, string Name, string Brand, string Description, Guid CategoryId, decimal Price, string Currency,
    string? ImageUrl, Dictionary<string, string> Attributes, string Status, int OnHand, DateTimeOffset CreatedAt);
