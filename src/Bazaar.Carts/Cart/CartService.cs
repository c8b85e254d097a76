using Bazaar.Carts.ProductCatalog;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts.Cart;

/// <summary>The shopper's cart: lines stored here, names, prices and stock asked of the catalog
/// every time, so the cart never shows a stale price.</summary>
internal sealed class CartService(
    CartRepository repository, IProductCatalog catalog, IOptions<CartsOptions> options, TimeProvider clock, ILogger<CartService> logger)
{
    public async Task<CartResponse> GetAsync(Guid userId, CancellationToken cancellationToken)
    {
        var items = await repository.ListAsync(userId, cancellationToken);
        IReadOnlyDictionary<string, CatalogProduct>? products = new Dictionary<string, CatalogProduct>();
        if (items.Count > 0)
        {
            try
            {
                products = await catalog.QuoteAsync([.. items.Select(item => item.Sku)], cancellationToken);
            }
            catch (CatalogUnavailableException exception)
            {
                // The shopper still sees what is in the cart; prices come back with the catalog.
                logger.LogWarning(exception, "Showing a degraded cart: the catalog could not be asked");
                products = null;
            }
        }
        return CartView.Build(items, products, options.Value.Currency);
    }

    /// <summary>Sets a line's quantity when the SKU is for sale and the cart has room.</summary>
    public async Task<SetQuantityOutcome> SetQuantityAsync(Guid userId, string sku, int quantity, CancellationToken cancellationToken)
    {
        IReadOnlyDictionary<string, CatalogProduct> products;
        try
        {
            products = await catalog.QuoteAsync([sku], cancellationToken);
        }
        catch (CatalogUnavailableException exception)
        {
            logger.LogWarning(exception, "Cannot change a cart: the catalog could not be asked");
            return SetQuantityOutcome.CatalogUnavailable;
        }
        if (!products.TryGetValue(sku, out var product) || !product.Active)
        {
            return SetQuantityOutcome.UnknownSku;
        }
        var stored = await repository.TrySetAsync(userId, sku, quantity, options.Value.MaxLines, clock.GetUtcNow(), cancellationToken);
        return stored ? SetQuantityOutcome.Set : SetQuantityOutcome.CartFull;
    }

    public Task RemoveAsync(Guid userId, string sku, CancellationToken cancellationToken) =>
        repository.RemoveAsync(userId, sku, cancellationToken);

    public Task ClearAsync(Guid userId, CancellationToken cancellationToken) =>
        repository.ClearAsync(userId, cancellationToken);
}

internal enum SetQuantityOutcome
{
    Set,
    UnknownSku,
    CartFull,
    CatalogUnavailable,
}
