using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Catalog;

/// <summary>What product-service says of some candidates: null <see cref="Products"/> entries are
/// unknown SKUs. <see cref="Degraded"/>: it did not answer, and these are its last known answers.</summary>
internal sealed record CheckedProducts(IReadOnlyDictionary<string, CatalogProduct> Products, bool Degraded)
{
    public CatalogProduct? Find(string sku) => Products.GetValueOrDefault(sku);

    /// <summary>Known, active and in stock.</summary>
    public bool Sellable(string sku) => Find(sku)?.Sellable == true;

    public string NameOf(string sku) => Products[sku].Name;
}

/// <summary>The one quote a request makes to product-service, bounded by
/// <see cref="RecommendationOptions.CatalogTimeout"/>. On failure or timeout the answer is what
/// product-service last said about each SKU (<see cref="ProductDirectory"/>), marked degraded.</summary>
internal sealed class SellableCheck(IProductCatalog catalog, ProductDirectory directory, IOptions<RecommendationOptions> options)
{
    /// <summary>The quote endpoint takes at most this many SKUs.</summary>
    public const int MaxSkus = 100;

    public async Task<CheckedProducts> CheckAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CatalogTimeout);
        try
        {
            var products = await catalog.FindAsync(skus, timeout.Token);
            directory.Remember(products);
            return new CheckedProducts(products.ToDictionary(p => p.Sku, StringComparer.Ordinal), Degraded: false);
        }
        catch (CatalogUnavailableException)
        {
            return LastKnown(skus);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LastKnown(skus); // our timeout, not the caller leaving
        }
    }

    private CheckedProducts LastKnown(IReadOnlyList<string> skus) =>
        new(skus.Select(directory.Find).OfType<CatalogProduct>().ToDictionary(p => p.Sku, StringComparer.Ordinal), Degraded: true);
}
