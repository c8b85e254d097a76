using Bazaar.Messaging;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Platform;
using Bazaar.Platform.Data;
using Bazaar.Platform.Redis;
using Bazaar.Recommendations;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Evaluation;
using Bazaar.Recommendations.ForYou;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Purchases;
using Bazaar.Recommendations.Rebuild;
using Bazaar.Recommendations.Suggestions;
using Bazaar.Recommendations.Views;

if (args is ["evaluate", ..]) { Environment.ExitCode = OfflineEvaluation.Run(args[1..], Console.Out); return; } // offline quality check, no server

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("recommendation-service", RecommendationsJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly, MessagingAssembly.Migrations);
builder.AddBazaarMessaging();
builder.AddProductCatalog();
builder.AddRecommendationModel(redis: builder.AddBazaarRedis(requiredToServe: false)); // lists in memory; with ConnectionStrings:Redis, one replica builds them and all share them (requests never call Redis)
builder.AddRebuild(); // rebuild from the event log: old lists serve until the replay caught up
builder.AddPurchases();
builder.AddViews(); // product views: a bounded queue and a background batch writer (best effort)
builder.AddEventConsumer<OrderPaidHandler>("orders", OrderPaidHandler.Group); // paid orders are the purchase signals
builder.AddSuggestions();
builder.AddForYou();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapSuggestions();
app.MapForYou();
app.MapViews();
app.MapRebuild();
app.MapDeadLetters();
app.Run();

public partial class Program;
