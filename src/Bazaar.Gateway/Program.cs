using Bazaar.Gateway;
using Bazaar.Gateway.Caching;
using Bazaar.Gateway.Docs;
using Bazaar.Gateway.Index;
using Bazaar.Gateway.RateLimiting;
using Bazaar.Gateway.RequestIds;
using Bazaar.Gateway.Routing;
using Bazaar.Gateway.Storefront;
using Bazaar.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("gateway", GatewayJson.Default);
builder.AddGatewayRouting();
builder.AddGatewayRateLimiting();
builder.AddStorefront();
builder.AddEdgeCache();

var app = builder.Build();
app.UseRequestIds();
app.UseBazaarDefaults();
app.UseGatewayRateLimiting();
app.UseEdgeCache();
app.MapIndex();
app.MapRoutesHealth();
app.MapApiReference();
app.MapStorefront();
app.MapGatewayRouting();
app.Run();

public partial class Program;
