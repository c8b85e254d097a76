namespace Bazaar.Recommendations.Model;

/// <summary>A user's purchases as the blend (<see cref="NeighbourIndex.Blend"/>) weighs them: each
/// product once, at its latest purchase, weighted by the model's decay measured from the user's
/// latest purchase (so the weights do not drift with the clock); only the most recent products.
/// "For you" and the offline evaluation both use it; "for you" weighs a user's recent views alike
/// (their time for the purchase time).</summary>
internal static class RecentPurchases
{
    /// <summary>The most recent products that shape an answer; older ones matter little after decay.</summary>
    public const int Count = 20;

    public static List<(string Sku, double Weight)> Weigh(IEnumerable<(string Sku, long PaidAt)> purchases, TimeSpan halfLife)
    {
        var latestPerSku = purchases.GroupBy(p => p.Sku, StringComparer.Ordinal)
            .Select(g => (Sku: g.Key, PaidAt: g.Max(p => p.PaidAt)))
            .OrderByDescending(p => p.PaidAt).ThenBy(p => p.Sku, StringComparer.Ordinal)
            .Take(Count).ToList();
        if (latestPerSku.Count == 0) return [];
        var latest = latestPerSku[0].PaidAt;
        return [.. latestPerSku.Select(p => (p.Sku, new DecayedWeight(1, p.PaidAt).At(latest, halfLife)))];
    }
}
