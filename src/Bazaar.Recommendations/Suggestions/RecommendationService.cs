using Bazaar.Recommendations.Catalog;

namespace Bazaar.Recommendations.Suggestions;

/// <summary>Item-to-item recommendations: what was bought together with the product; failing that
/// the most purchased products; failing that (no purchases yet) other products of its category.
/// Never the product itself, and never a product that is no longer sold.</summary>
internal sealed class RecommendationService(SignalRepository signals, IProductCatalog catalog)
{
    // Enough candidates to fill any page after dropping retired products; the quote takes at most 100.
    private const int Candidates = 100;

    /// <summary>Null when the product-service does not know the SKU.</summary>
    public async Task<RecommendationResponse?> RecommendAsync(string sku, int limit, CancellationToken cancellationToken)
    {
        var product = (await catalog.FindAsync([sku], cancellationToken)).FirstOrDefault(p => p.Sku == sku);
        if (product is null) return null;

        var together = await StillSoldAsync(await signals.BoughtWithAsync(sku, Candidates, cancellationToken), limit, cancellationToken);
        if (together.Count > 0) return new RecommendationResponse(sku, Strategies.BoughtTogether, false, together);

        var popular = await StillSoldAsync(await signals.MostPurchasedAsync(sku, Candidates, cancellationToken), limit, cancellationToken);
        if (popular.Count > 0) return new RecommendationResponse(sku, Strategies.Popular, true, popular);

        var neighbours = await catalog.ListCategoryAsync(product.CategoryId, limit + 1, cancellationToken);
        var items = neighbours.Where(p => p.Sku != sku).Take(limit).Select(p => new RecommendedItem(p.Sku, p.Name, 0)).ToList();
        return new RecommendationResponse(sku, Strategies.Catalog, true, items);
    }

    /// <summary>The candidates the catalog still sells, with their names, in score order.</summary>
    private async Task<IReadOnlyList<RecommendedItem>> StillSoldAsync(IReadOnlyList<ScoredSku> candidates, int limit, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0) return [];
        var products = (await catalog.FindAsync(candidates.Select(c => c.Sku).ToList(), cancellationToken))
            .Where(p => p.Active).ToDictionary(p => p.Sku, StringComparer.Ordinal);
        return candidates.Where(c => products.ContainsKey(c.Sku)).Take(limit).Select(c => new RecommendedItem(c.Sku, products[c.Sku].Name, c.Score)).ToList();
    }
}
