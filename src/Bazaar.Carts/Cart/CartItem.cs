namespace Bazaar.Carts.Cart;

/// <summary>A line as stored: only what the shopper chose, never a price.</summary>
internal sealed record CartItem(string Sku, long Quantity);
