namespace Bazaar.Recommendations.Model;

/// <summary>A hybrid of the item-to-item blend and a category-popularity prior: what the user buys
/// most often is a category, and the best sellers of that category are a strong guess for the next
/// order, where the blend knows only products bought together with theirs. Each candidate scores
/// <c>(1 − α)·b/bₘₐₓ + α·p(category)·s/sₘₐₓ(category)</c>: b its blend score over the user's best
/// (so 0..1), p the share of the user's (decay-weighted) history in its category, s its sales over
/// the best seller of that category (0..1). α = 0 is the blend alone; α = 1 the user's categories'
/// best sellers, in proportion to how much they buy there.</summary>
internal static class CategoryPrior
{
    /// <param name="blended">The blend's candidates (<see cref="NeighbourIndex.Blend"/>).</param>
    /// <param name="history">The user's weighed history (<see cref="RecentPurchases.Weigh"/>); never proposed.</param>
    /// <param name="popular">Sales per product (<see cref="NeighbourIndex.Popular"/>).</param>
    /// <param name="categoryOf">A product's category, or null when unknown (then it has no prior).</param>
    public static IReadOnlyList<Neighbour> Rank(
        IReadOnlyList<Neighbour> blended, IReadOnlyCollection<(string Sku, double Weight)> history, IReadOnlyList<Seller> popular,
        Func<string, string?> categoryOf, double alpha, int limit)
    {
        var total = history.Sum(h => h.Weight);
        var shares = history.Select(h => (Category: categoryOf(h.Sku), h.Weight)).Where(h => h.Category is not null && total > 0)
            .GroupBy(h => h.Category!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(h => h.Weight) / total, StringComparer.Ordinal);
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        var prior = new Dictionary<string, (string Category, double Sales)>(StringComparer.Ordinal);
        foreach (var seller in popular)
        {
            if (categoryOf(seller.Sku) is not { } category || !shares.ContainsKey(category)) continue;
            prior[seller.Sku] = (category, seller.Sales);
            best[category] = Math.Max(best.GetValueOrDefault(category), seller.Sales);
        }
        var topBlend = blended.Count == 0 ? 0 : blended.Max(n => n.Similarity);

        var owned = history.Select(h => h.Sku).ToHashSet(StringComparer.Ordinal);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var n in blended.Where(n => topBlend > 0)) scores[n.Sku] = (1 - alpha) * n.Similarity / topBlend;
        foreach (var (sku, (category, sales)) in prior.Where(p => best[p.Value.Category] > 0))
        {
            scores[sku] = scores.GetValueOrDefault(sku) + alpha * shares[category] * sales / best[category];
        }
        return [.. scores.Where(s => !owned.Contains(s.Key) && s.Value > 0)
            .OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Take(limit).Select(s => new Neighbour(s.Key, s.Value))];
    }
}
