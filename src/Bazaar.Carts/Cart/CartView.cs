using Bazaar.Carts.ProductCatalog;
using Bazaar.Platform.Money;

namespace Bazaar.Carts.Cart;

/// <summary>Prices the stored lines with live catalog data and says, line by line, whether the
/// quantity can be bought.</summary>
internal static class CartView
{
    /// <param name="catalog">The catalog's answer, or null when it could not be asked.</param>
    public static CartResponse Build(IReadOnlyList<CartItem> items, IReadOnlyDictionary<string, CatalogProduct>? catalog, string currency)
    {
        var itemCount = (int)items.Sum(item => item.Quantity);
        if (catalog is null)
        {
            var stored = items.Select(item => new CartLineResponse(item.Sku, (int)item.Quantity, null, null, null, null, CartLineStatus.Unknown));
            return new CartResponse([.. stored], Money.Zero(currency), itemCount, Degraded: true);
        }

        var lines = items.Select(item => Line(item, catalog.GetValueOrDefault(item.Sku))).ToList();
        var priced = lines.Select(line => line.LineTotal).OfType<Money>().ToList();
        var total = priced.Count == 0 ? Money.Zero(currency) : priced.Aggregate((sum, next) => sum + next);
        return new CartResponse(lines, total.Rounded(), itemCount, Degraded: false);
    }

    private static CartLineResponse Line(CartItem item, CatalogProduct? product)
    {
        var quantity = (int)item.Quantity;
        if (product is null)
        {
            return new CartLineResponse(item.Sku, quantity, null, null, null, null, CartLineStatus.Unavailable);
        }
        var available = product.Active ? Math.Max(product.Available, 0) : 0;
        var status = available == 0 ? CartLineStatus.Unavailable : available < quantity ? CartLineStatus.Short : CartLineStatus.Ok;
        var lineTotal = status == CartLineStatus.Unavailable ? (Money?)null : (product.UnitPrice * quantity).Rounded();
        return new CartLineResponse(item.Sku, quantity, product.Name, product.UnitPrice, lineTotal, available, status);
    }
}
