using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Gateway.Index;
using Bazaar.Gateway.Storefront;

namespace Bazaar.Gateway;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IndexResponse))]
[JsonSerializable(typeof(Bazaar.Gateway.Routing.RoutesHealth))]
[JsonSerializable(typeof(ProductPageResponse))]
[JsonSerializable(typeof(PageRecommendations))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GatewayJson : JsonSerializerContext;
