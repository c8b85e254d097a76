namespace Bazaar.Recommendations.Catalog;

/// <summary>A product as recommendations need it.</summary>
internal sealed record CatalogProduct(string Sku, string Name, Guid CategoryId, bool Active);

/// <summary>The product-service: names, categories and whether a product is still sold.</summary>
internal interface IProductCatalog
{
    /// <summary>The products among <paramref name="skus"/> (at most 100) that exist; unknown SKUs are absent.</summary>
    Task<IReadOnlyList<CatalogProduct>> FindAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken);

    /// <summary>Active products of a category, in the catalog's own order.</summary>
    Task<IReadOnlyList<CatalogProduct>> ListCategoryAsync(Guid categoryId, int limit, CancellationToken cancellationToken);
}

/// <summary>The product-service could not be reached or failed.</summary>
public sealed class CatalogUnavailableException(Exception inner) : Exception("product-service is unavailable.", inner);
