using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.ForYou;
using Bazaar.Recommendations.Rebuild;
using Bazaar.Recommendations.Suggestions;

namespace Bazaar.Recommendations;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecommendationResponse))]
[JsonSerializable(typeof(ForYouResponse))]
[JsonSerializable(typeof(RebuildResult))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
internal sealed partial class RecommendationsJson : JsonSerializerContext;
