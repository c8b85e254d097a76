namespace Bazaar.Recommendations.Suggestions;

/// <summary>What to show next to a product. <see cref="Strategy"/> says what produced the items:
/// <c>item-to-item</c> (the product's neighbour lists) or <c>popular</c> (recent sales, its
/// category first). <see cref="Fallback"/> is true when popularity stands in for neighbours the
/// product does not have (enough of). <see cref="Degraded"/> is true when product-service could not
/// confirm the items' status and stock in time: the items are then those it last reported sellable.</summary>
public sealed record RecommendationResponse(string Sku, string Strategy, bool Fallback, bool Degraded, IReadOnlyList<RecommendedItem> Items);

/// <summary>Score: the cosine similarity to the product (item-to-item, 0..1), or the decayed number
/// of orders that had the item (popular), as of the latest order seen: that order counts 1, one paid
/// a half-life before it 0.5.</summary>
public sealed record RecommendedItem(string Sku, string Name, double Score);

internal static class Strategies
{
    public const string ItemToItem = "item-to-item";
    public const string Popular = "popular";
}
