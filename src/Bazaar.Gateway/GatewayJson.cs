using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Gateway.Index;

namespace Bazaar.Gateway;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IndexResponse))]
[JsonSerializable(typeof(Bazaar.Gateway.Routing.RoutesHealth))]
internal sealed partial class GatewayJson : JsonSerializerContext;
