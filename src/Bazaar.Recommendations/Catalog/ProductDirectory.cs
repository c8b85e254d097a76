using System.Collections.Concurrent;

namespace Bazaar.Recommendations.Catalog;

/// <summary>What the product-service last said about each product this service asked about: the
/// category of the product on the page (to pick popular products of the same category before the
/// quote that checks them), and, when the quote fails, the last known names and stock.</summary>
internal sealed class ProductDirectory
{
    // A bound on memory; past it the directory starts over and refills from the next quotes.
    private const int Capacity = 200_000;

    private readonly ConcurrentDictionary<string, CatalogProduct> _products = new(StringComparer.Ordinal);

    public CatalogProduct? Find(string sku) => _products.GetValueOrDefault(sku);

    public void Remember(IEnumerable<CatalogProduct> products)
    {
        if (_products.Count > Capacity) _products.Clear();
        foreach (var product in products) _products[product.Sku] = product;
    }
}
