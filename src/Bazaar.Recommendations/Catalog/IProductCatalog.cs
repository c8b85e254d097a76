namespace Bazaar.Recommendations.Catalog;

/// <summary>A product as recommendations need it.</summary>
internal sealed record CatalogProduct(string Sku, string Name, Guid CategoryId, bool Active, int Available)
{
    /// <summary>Still sold and in stock: the only kind of product ever recommended.</summary>
    public bool Sellable => Active && Available > 0;
}

/// <summary>The product-service: names, categories, stock and whether a product is still sold.</summary>
internal interface IProductCatalog
{
    /// <summary>The products among <paramref name="skus"/> (at most 100) that exist; unknown SKUs are absent.</summary>
    Task<IReadOnlyList<CatalogProduct>> FindAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);
}

/// <summary>The product-service could not be reached or failed.</summary>
public sealed class CatalogUnavailableException(Exception inner) : Exception("product-service is unavailable.", inner);
