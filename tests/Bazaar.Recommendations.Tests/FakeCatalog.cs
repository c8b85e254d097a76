using System.Collections.Concurrent;
using Bazaar.Recommendations.Catalog;

namespace Bazaar.Recommendations.Tests;

internal sealed class FakeCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<string, CatalogProduct> _products = new();

    public bool Unreachable { get; set; }

    public void Add(string sku, Guid categoryId, bool active = true) => _products[sku] = new CatalogProduct(sku, "Product " + sku, categoryId, active);

    public Task<IReadOnlyList<CatalogProduct>> FindAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        if (Unreachable) throw new CatalogUnavailableException(new HttpRequestException("connection refused"));
        if (skus.Count is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(skus), "The product-service quotes 1 to 100 SKUs.");
        return Task.FromResult<IReadOnlyList<CatalogProduct>>(skus.Where(_products.ContainsKey).Select(sku => _products[sku]).ToList());
    }

    public Task<IReadOnlyList<CatalogProduct>> ListCategoryAsync(Guid categoryId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CatalogProduct>>(_products.Values.Where(p => p.CategoryId == categoryId && p.Active)
            .OrderBy(p => p.Name, StringComparer.Ordinal).Take(limit).ToList());
}
