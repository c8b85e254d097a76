using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Carts.Cart;
using Bazaar.Carts.ProductCatalog;

namespace Bazaar.Carts;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(SetQuantityRequest))]
[JsonSerializable(typeof(CartResponse))]
[JsonSerializable(typeof(CartLinesResponse))]
[JsonSerializable(typeof(CreateCartResponse))]
[JsonSerializable(typeof(MergeRequest))]
[JsonSerializable(typeof(MergeResponse))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
internal sealed partial class CartsJson : JsonSerializerContext;
