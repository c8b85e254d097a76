using Bazaar.Carts;
using Bazaar.Carts.Cart;
using Bazaar.Carts.ProductCatalog;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("cart-service", CartsJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddProductCatalog();
builder.AddCart();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCart();
app.Run();

public partial class Program;
