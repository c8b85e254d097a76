using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Inventory;
using Bazaar.Catalog.Products;

namespace Bazaar.Catalog;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<Category>))]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(ReserveRequest))]
[JsonSerializable(typeof(ReservationResponse))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string[]))] // the "skus" of stock problems
internal sealed partial class CatalogJson : JsonSerializerContext;
