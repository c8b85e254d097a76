using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.ForYou;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Rebuild;
using Bazaar.Recommendations.Suggestions;
using Bazaar.Recommendations.Views;

namespace Bazaar.Recommendations;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecommendationResponse))]
[JsonSerializable(typeof(ForYouResponse))]
[JsonSerializable(typeof(RebuildResult))]
[JsonSerializable(typeof(ViewRequest))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(IReadOnlyList<Neighbour>))] // the lists shared through Redis (Model/Shared)
[JsonSerializable(typeof(IReadOnlyList<Seller>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class RecommendationsJson : JsonSerializerContext;
