using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Inventory;
using Bazaar.Catalog.Pricing;
using Bazaar.Catalog.Products;

namespace Bazaar.Catalog;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(IReadOnlyList<Category>))]
[JsonSerializable(typeof(Category))]
[JsonSerializable(typeof(CreateCategoryRequest))]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(CreateProductRequest))]
[JsonSerializable(typeof(UpdateProductRequest))]
[JsonSerializable(typeof(QuoteRequest))]
[JsonSerializable(typeof(QuoteResponse))]
[JsonSerializable(typeof(ReserveRequest))]
[JsonSerializable(typeof(ReservationResponse))]
[JsonSerializable(typeof(ReturnRequest))]
[JsonSerializable(typeof(ReturnResponse))]
[JsonSerializable(typeof(AdjustStockRequest))]
[JsonSerializable(typeof(StockAdjustment))]
[JsonSerializable(typeof(IReadOnlyList<StockAdjustment>))]
[JsonSerializable(typeof(SetPriceRequest))]
[JsonSerializable(typeof(PriceHistory))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(string[]))] // the "skus" of stock problems
internal sealed partial class CatalogJson : JsonSerializerContext;
