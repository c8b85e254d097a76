namespace Bazaar.Carts.Cart;

/// <summary>How an anonymous cart's lines join a user's cart at login.</summary>
internal static class CartMerge
{
    public const int MaxQuantity = 99;

    /// <summary>The same SKU adds up (capped at <see cref="MaxQuantity"/>); a new SKU joins while
    /// the cart has room for another line, in SKU order; the rest is reported, never dropped quietly.</summary>
    /// <returns>The target lines to write (with their final quantities) and the SKUs that did not fit.</returns>
    public static MergePlan Plan(IReadOnlyList<CartItem> target, IReadOnlyList<CartItem> source, int maxLines)
    {
        var existing = target.ToDictionary(line => line.Sku, line => line.Quantity, StringComparer.Ordinal);
        var lines = existing.Count;
        var writes = new List<CartItem>();
        var notMerged = new List<string>();
        foreach (var line in source.OrderBy(line => line.Sku, StringComparer.Ordinal))
        {
            if (existing.TryGetValue(line.Sku, out var quantity))
            {
                writes.Add(line with { Quantity = Math.Min(quantity + line.Quantity, MaxQuantity) });
            }
            else if (lines < maxLines)
            {
                writes.Add(line with { Quantity = Math.Min(line.Quantity, MaxQuantity) });
                lines++;
            }
            else
            {
                notMerged.Add(line.Sku);
            }
        }
        return new MergePlan(writes, notMerged);
    }
}

internal sealed record MergePlan(IReadOnlyList<CartItem> Writes, IReadOnlyList<string> NotMerged);
