using Bazaar.Platform;
using Bazaar.Platform.Data;
using Bazaar.Recommendations;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Purchases;
using Bazaar.Recommendations.Suggestions;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("recommendation-service", RecommendationsJson.Default);
builder.Services.AddValidation(); // here, not in Platform: its source generator reads this assembly's endpoints
builder.AddBazaarDatabase(typeof(Program).Assembly);
builder.AddProductCatalog();
builder.AddPurchases();
builder.AddSuggestions();

var app = builder.Build();
app.UseBazaarDefaults();
app.MapPurchases();
app.MapSuggestions();
app.Run();

public partial class Program;
