using Bazaar.Messaging;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Orders;
using Bazaar.Orders.Cancellation;
using Bazaar.Orders.Checkout;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Fulfilment;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Returns;
using Bazaar.Orders.Saga;
using Bazaar.Orders.Tracking;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("order-service", OrdersJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly, MessagingAssembly.Migrations);
builder.AddBazaarMessaging();
builder.AddDownstreamServices();
builder.AddOrders();
builder.AddCheckoutSaga();
builder.AddCheckout();
builder.AddFulfilment();
builder.AddCancellation();
builder.AddReturns();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCheckout();
app.MapOrderQueries();
app.MapTracking();
app.MapAdminOrders();
app.MapCancellation();
app.MapReturns();
app.MapDeadLetters(); // and the parked outbox rows
app.Run();

public partial class Program;
