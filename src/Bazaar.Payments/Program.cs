using Bazaar.Payments;
using Bazaar.Payments.Charges;
using Bazaar.Payments.OrderPayments;
using Bazaar.Payments.Provider;
using Bazaar.Payments.Queries;
using Bazaar.Payments.Refunds;
using Bazaar.Payments.Sweeping;
using Bazaar.Platform;
using Bazaar.Platform.Data;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("payment-service", PaymentsJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddSimulatedPaymentProvider();
builder.AddCharges();
builder.AddRefunds();
builder.AddOrderPayments();
builder.AddPendingSweeper();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapCharges();
app.MapRefunds();
app.MapOrderPayments();
app.MapPaymentQueries();
app.Run();

public partial class Program;
