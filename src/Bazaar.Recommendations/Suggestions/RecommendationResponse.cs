namespace Bazaar.Recommendations.Suggestions;

/// <summary>What to show next to a product. <see cref="Fallback"/> is true when there were no
/// co-purchases of it to go on, and the items come from popularity or its category instead.</summary>
public sealed record RecommendationResponse(string Sku, string Strategy, bool Fallback, IReadOnlyList<RecommendedItem> Items);

/// <summary>Score: how many orders had both (bought-together) or this item (popular); 0 for catalog picks.</summary>
public sealed record RecommendedItem(string Sku, string Name, long Score);

internal static class Strategies
{
    public const string BoughtTogether = "bought-together";
    public const string Popular = "popular";
    public const string Catalog = "catalog";
}
