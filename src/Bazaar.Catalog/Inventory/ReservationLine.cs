namespace Bazaar.Catalog.Inventory;

/// <summary>So much of one SKU held by a reservation.</summary>
internal sealed record ReservationLine(string Sku, long Quantity)
{
    /// <summary>One line per SKU (repeated SKUs add up), in SKU order, so two requests for the
    /// same goods compare equal and rows are always locked in the same order.</summary>
    public static IReadOnlyList<ReservationLine> Normalise(IEnumerable<ReservationLineRequest> lines) =>
    [
        .. lines.GroupBy(line => line.Sku, StringComparer.Ordinal)
            .Select(group => new ReservationLine(group.Key, group.Sum(line => (long)line.Quantity)))
            .OrderBy(line => line.Sku, StringComparer.Ordinal),
    ];
}
