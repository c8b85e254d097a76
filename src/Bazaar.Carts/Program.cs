using Bazaar.Carts;
using Bazaar.Carts.Cart;
using Bazaar.Carts.PaidOrders;
using Bazaar.Carts.ProductCatalog;
using Bazaar.Messaging;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("cart-service", CartsJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly, MessagingAssembly.Migrations);
builder.AddBazaarMessaging();
builder.AddProductCatalog();
builder.AddCart();
builder.AddEventConsumer<OrderPaidHandler>("orders", OrderPaidHandler.Group); // a paid order leaves the cart

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCart();
app.MapDeadLetters();
app.Run();

public partial class Program;
