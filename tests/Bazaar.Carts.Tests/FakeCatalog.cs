using System.Collections.Concurrent;
using Bazaar.Carts.ProductCatalog;
using Bazaar.Platform.Money;

namespace Bazaar.Carts.Tests;

/// <summary>product-service as the test arranges it: products it knows, and whether it answers.</summary>
public sealed class FakeCatalog : IProductCatalog
{
    private readonly ConcurrentDictionary<string, CatalogProduct> _products = new(StringComparer.Ordinal);

    private int _quotes;

    public bool Unreachable { get; set; }

    /// <summary>How many quotes were asked for so far.</summary>
    public int Quotes => Volatile.Read(ref _quotes);

    public CatalogProduct Add(int available = 50, decimal price = 10m, bool active = true, string? name = null)
    {
        var sku = "T-" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var product = new CatalogProduct(sku, name ?? "Product " + sku, new Money(price, "USD"), available, active);
        _products[sku] = product;
        return product;
    }

    public void Update(CatalogProduct product) => _products[product.Sku] = product;

    public void Forget(string sku) => _products.TryRemove(sku, out _);

    public Task<IReadOnlyDictionary<string, CatalogProduct>> QuoteAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _quotes);
        if (Unreachable) throw new CatalogUnavailableException("product-service is down (test)");
        IReadOnlyDictionary<string, CatalogProduct> found = skus.Distinct()
            .Where(_products.ContainsKey).ToDictionary(sku => sku, sku => _products[sku], StringComparer.Ordinal);
        return Task.FromResult(found);
    }
}
