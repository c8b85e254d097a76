using Bazaar.Catalog;
using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Inventory;
using Bazaar.Catalog.Products;
using Bazaar.Catalog.Seeding;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("product-service", CatalogJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddCategories();
builder.AddProducts();
builder.AddInventory();
builder.AddSeeding();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCategories();
app.MapProducts();
app.MapInventory();
app.Run();

public partial class Program;
