using System.Text.Json;

namespace Bazaar.Gateway.Storefront;

/// <summary>A product page in one call. <see cref="Product"/> is product-service's product detail as
/// it answered it; <see cref="Recommendations"/> is null when recommendation-service failed or was
/// too slow, and <see cref="Degraded"/> then names the part left out (<c>recommendations</c>).</summary>
public sealed record ProductPageResponse(JsonElement Product, PageRecommendations? Recommendations, IReadOnlyList<string> Degraded);

/// <summary>What recommendation-service suggests next to the product (its strategy, whether it fell
/// back to popularity, and the items).</summary>
public sealed record PageRecommendations(string Strategy, bool Fallback, IReadOnlyList<RecommendedProduct> Items);

public sealed record RecommendedProduct(string Sku, string Name, double Score);
