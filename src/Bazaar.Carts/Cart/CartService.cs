using Bazaar.Carts.ProductCatalog;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts.Cart;

/// <summary>The shopper's cart: lines stored here, names, prices and stock asked of the catalog
/// every time, so the cart never shows a stale price.</summary>
internal sealed class CartService(CartRepository repository, IProductCatalog catalog, IOptions<CartsOptions> options, ILogger<CartService> logger)
{
    public Task<Guid> CreateAnonymousAsync(CancellationToken cancellationToken) => repository.CreateAnonymousAsync(cancellationToken);

    /// <summary>The cart priced live; null for an unknown or expired anonymous cart.</summary>
    public async Task<CartResponse?> GetAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        var items = await repository.ListAsync(owner, cancellationToken);
        return items is null ? null : await PriceAsync(items, cancellationToken);
    }

    /// <summary>The lines as stored, unpriced; null for an unknown or expired anonymous cart.</summary>
    public async Task<CartLinesResponse?> GetLinesAsync(CartOwner owner, CancellationToken cancellationToken) =>
        await repository.ListAsync(owner, cancellationToken) is { } items
            ? new CartLinesResponse([.. items.Select(item => new StoredLineResponse(item.Sku, (int)item.Quantity))])
            : null;

    /// <summary>Sets a line's quantity when the SKU is for sale and the cart has room, and answers
    /// the cart priced. One quote asks for the new SKU and the lines already there, and serves
    /// both the check and the answer; only a line added meanwhile by another request needs a
    /// second quote.</summary>
    public async Task<(SetQuantityOutcome Outcome, CartResponse? Cart)> SetQuantityAsync(CartOwner owner, string sku, int quantity, CancellationToken cancellationToken)
    {
        var before = await repository.ListAsync(owner, cancellationToken) ?? [];
        var cartSkus = before.Select(item => item.Sku).Append(sku).ToHashSet(StringComparer.Ordinal);
        HashSet<string> quoted = cartSkus.Count <= IProductCatalog.MaxSkus ? cartSkus : [sku];
        IReadOnlyDictionary<string, CatalogProduct> products;
        try
        {
            products = await catalog.QuoteAsync(quoted, cancellationToken);
        }
        catch (CatalogUnavailableException exception)
        {
            logger.LogWarning(exception, "Cannot change a cart: the catalog could not be asked");
            return (SetQuantityOutcome.CatalogUnavailable, null);
        }
        if (!products.TryGetValue(sku, out var product) || !product.Active)
        {
            return (SetQuantityOutcome.UnknownSku, null);
        }
        var outcome = await repository.TrySetAsync(owner, sku, quantity, cancellationToken);
        if (outcome != SetQuantityOutcome.Set) return (outcome, null);

        var items = await repository.ListAsync(owner, cancellationToken);
        if (items is null) return (SetQuantityOutcome.UnknownCart, null);
        // A line that another request added meanwhile was not quoted: then the whole cart is asked again.
        return (outcome, items.All(item => quoted.Contains(item.Sku))
            ? CartView.Build(items, products, options.Value.Currency)
            : await PriceAsync(items, cancellationToken));
    }

    /// <summary>False for an unknown or expired anonymous cart.</summary>
    public Task<bool> RemoveAsync(CartOwner owner, string sku, CancellationToken cancellationToken) =>
        repository.RemoveAsync(owner, sku, cancellationToken);

    /// <summary>False for an unknown or expired anonymous cart.</summary>
    public Task<bool> ClearAsync(CartOwner owner, CancellationToken cancellationToken) =>
        repository.ClearAsync(owner, cancellationToken);

    /// <summary>Moves an anonymous cart into the user's; null when there is no such anonymous cart.</summary>
    public async Task<MergeResponse?> MergeAsync(Guid userId, Guid anonymousCartId, CancellationToken cancellationToken)
    {
        var notMerged = await repository.MergeAsync(userId, anonymousCartId, cancellationToken);
        if (notMerged is null)
        {
            return null;
        }
        var cart = await PriceAsync(await repository.ListAsync(CartOwner.User(userId), cancellationToken) ?? [], cancellationToken);
        return new MergeResponse(cart.Lines, cart.Total, cart.ItemCount, cart.Degraded, notMerged.Count == 0 ? null : notMerged);
    }

    private async Task<CartResponse> PriceAsync(IReadOnlyList<CartItem> items, CancellationToken cancellationToken)
    {
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
}

internal enum SetQuantityOutcome
{
    Set,
    UnknownSku,
    CartFull,
    CatalogUnavailable,
    UnknownCart,
}
