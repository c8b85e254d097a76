using System.Collections.Concurrent;
using Bazaar.Recommendations.Catalog;

namespace Bazaar.Recommendations.Tests;

internal sealed class FakeCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<string, CatalogProduct> _products = new();
    private int _calls;

    /// <summary>Every call fails as a refused connection does.</summary>
    public bool Unreachable { get; set; }

    /// <summary>Every call waits until it is cancelled, as an overloaded product-service does.</summary>
    public bool Hangs { get; set; }

    /// <summary>How many quotes were asked for.</summary>
    public int Calls => _calls;

    public void Add(string sku, Guid categoryId, bool active = true, int available = 5) =>
        _products[sku] = new CatalogProduct(sku, "Product " + sku, categoryId, active, available);

    public async Task<IReadOnlyList<CatalogProduct>> FindAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        if (Unreachable) throw new CatalogUnavailableException(new HttpRequestException("connection refused"));
        if (Hangs) await Task.Delay(Timeout.Infinite, cancellationToken);
        if (skus.Count is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(skus), "The product-service quotes 1 to 100 SKUs.");
        return skus.Where(_products.ContainsKey).Select(sku => _products[sku]).ToList();
    }
}
