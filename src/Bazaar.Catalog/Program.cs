using Bazaar.Catalog;
using Bazaar.Catalog.Caching;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Inventory;
using Bazaar.Catalog.Pricing;
using Bazaar.Catalog.Products;
using Bazaar.Catalog.Seeding;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("product-service", CatalogJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddCatalogCache();
builder.AddCategories();
builder.AddProducts();
builder.AddPricing();
builder.AddInventory();
builder.AddSeeding();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCategories();
app.MapProducts();
app.MapProductAdmin();
app.MapPricing();
app.MapInventory();
app.MapStockAdjustments();
app.MapStockReturns();
app.Run();

public partial class Program;
