using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Suggestions;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.ForYou;

/// <summary>"For you": the neighbours of the user's recent purchases (<see cref="RecentPurchases"/>),
/// blended (<see cref="NeighbourIndex.Blend"/>), exactly as the offline evaluation measures it; nothing
/// they bought. Too little to go on: popular products. One bounded quote to product-service checks
/// every candidate.</summary>
internal sealed class ForYouService(ModelCache model, PurchaseHistory history, SellableCheck check, IOptions<RecommendationOptions> options)
{
    public const string Personalised = "personalised";

    private const int BlendCandidates = 50;

    public async Task<ForYouResponse> RecommendAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        var index = model.Current;
        var purchases = await history.OfAsync(userId, cancellationToken);
        var bought = purchases.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
        var recent = RecentPurchases.Weigh(purchases.Select(p => (p.Sku, p.PaidAt)), options.Value.HalfLife);
        var blended = index.Blend(recent, BlendCandidates + bought.Count).Where(n => !bought.Contains(n.Sku)).Take(BlendCandidates).ToList();
        var popular = index.Popular.Where(s => !bought.Contains(s.Sku));

        var candidates = blended.Select(n => n.Sku).Concat(popular.Select(s => s.Sku)).Distinct(StringComparer.Ordinal).Take(SellableCheck.MaxSkus).ToList();
        var products = candidates.Count == 0
            ? new CheckedProducts(new Dictionary<string, CatalogProduct>(), Degraded: false)
            : await check.CheckAsync(candidates, cancellationToken);

        var personal = blended.Where(n => products.Sellable(n.Sku)).Take(limit)
            .Select(n => new RecommendedItem(n.Sku, products.NameOf(n.Sku), n.Similarity)).ToList();
        if (personal.Count >= Math.Min(limit, options.Value.MinNeighbours))
        {
            return new ForYouResponse(Personalised, false, products.Degraded, personal);
        }
        var items = popular.Where(s => products.Sellable(s.Sku)).Take(limit)
            .Select(s => new RecommendedItem(s.Sku, products.NameOf(s.Sku), s.Sales)).ToList();
        return new ForYouResponse(Strategies.Popular, true, products.Degraded, items);
    }
}
