using Bazaar.Orders;
using Bazaar.Orders.Checkout;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Fulfilment;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Tracking;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("order-service", OrdersJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddDownstreamServices();
builder.AddOrders();
builder.AddCheckout();
builder.AddFulfilment();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCheckout();
app.MapOrderQueries();
app.MapTracking();
app.MapAdminOrders();
app.Run();

public partial class Program;
