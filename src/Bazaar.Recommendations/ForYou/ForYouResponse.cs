using Bazaar.Recommendations.Suggestions;

namespace Bazaar.Recommendations.ForYou;

/// <summary>What to show a signed-in user. <see cref="Strategy"/>: <c>personalised</c> (the blended
/// neighbours of what they bought recently) or <c>popular</c> (<see cref="Fallback"/>: they bought too
/// little to go on). <see cref="Degraded"/>: product-service could not confirm status and stock in time.
/// Items they already bought are never among them.</summary>
public sealed record ForYouResponse(string Strategy, bool Fallback, bool Degraded, IReadOnlyList<RecommendedItem> Items);
