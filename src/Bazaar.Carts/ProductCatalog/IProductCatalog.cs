using Bazaar.Platform.Money;

namespace Bazaar.Carts.ProductCatalog;

/// <summary>Live product data from product-service: the cart stores only SKUs and quantities.</summary>
public interface IProductCatalog
{
    /// <summary>The most SKUs one quote may ask for (product-service's limit).</summary>
    const int MaxSkus = 100;

    /// <summary>The products with these SKUs (at most <see cref="MaxSkus"/>), keyed by SKU; unknown SKUs are absent.</summary>
    /// <exception cref="CatalogUnavailableException">product-service could not answer.</exception>
    Task<IReadOnlyDictionary<string, CatalogProduct>> QuoteAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}

/// <summary>A product as the cart shows it; <see cref="Available"/> is the stock still for sale.</summary>
public sealed record CatalogProduct(string Sku, string Name, Money UnitPrice, int Available, bool Active);

/// <summary>product-service is unreachable, too slow, or answered with an error.</summary>
public sealed class CatalogUnavailableException(string message, Exception? innerException = null) : Exception(message, innerException);
