namespace Bazaar.Recommendations.Model.Shared;

/// <summary>How one kind of lists moved between two snapshots: the lists that differ (an empty
/// list for a product that has none any more) and whether the popularity ranking changed.</summary>
internal sealed record ListChanges(IReadOnlyDictionary<string, IReadOnlyList<Neighbour>> Lists, bool PopularChanged)
{
    public bool IsEmpty => Lists.Count == 0 && !PopularChanged;

    /// <summary><see cref="NeighbourIndex.Update"/> keeps untouched lists as the same objects, so a
    /// reference compare skips them; a recomputed list equal to the old one is not a change either.</summary>
    public static ListChanges Between(NeighbourIndex before, NeighbourIndex after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var lists = new Dictionary<string, IReadOnlyList<Neighbour>>(StringComparer.Ordinal);
        foreach (var (sku, list) in after.Lists)
        {
            var old = before.NeighboursOf(sku);
            if (!ReferenceEquals(old, list) && !old.SequenceEqual(list)) lists[sku] = list;
        }
        foreach (var sku in before.Lists.Keys.Where(sku => !after.Lists.ContainsKey(sku))) lists[sku] = [];
        return new ListChanges(lists, !ReferenceEquals(before.Popular, after.Popular) && !before.Popular.SequenceEqual(after.Popular));
    }
}
