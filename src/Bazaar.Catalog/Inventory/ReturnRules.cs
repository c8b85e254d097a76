namespace Bazaar.Catalog.Inventory;

/// <summary>What a reservation may still give back.</summary>
internal static class ReturnRules
{
    /// <summary>The SKUs of <paramref name="lines"/> that would come back more than
    /// <paramref name="sold"/> less what has already been <paramref name="returned"/> (the lines of
    /// every earlier return, a SKU possibly many times; a SKU never sold counts as sold zero times), in SKU order.</summary>
    public static IReadOnlyList<string> Exceeding(
        IReadOnlyList<ReservationLine> lines, IReadOnlyList<ReservationLine> sold, IReadOnlyList<ReservationLine> returned)
    {
        var left = sold.ToDictionary(line => line.Sku, line => line.Quantity, StringComparer.Ordinal);
        foreach (var line in returned)
        {
            left[line.Sku] = left.GetValueOrDefault(line.Sku) - line.Quantity;
        }
        return [.. lines.Where(line => line.Quantity > left.GetValueOrDefault(line.Sku)).Select(line => line.Sku).Order(StringComparer.Ordinal)];
    }
}
