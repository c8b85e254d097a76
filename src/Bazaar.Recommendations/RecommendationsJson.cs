using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Suggestions;

namespace Bazaar.Recommendations;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(RecommendationResponse))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(ProductPage))]
internal sealed partial class RecommendationsJson : JsonSerializerContext;
