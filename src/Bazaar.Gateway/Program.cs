using Bazaar.Gateway;
using Bazaar.Gateway.Docs;
using Bazaar.Gateway.Index;
using Bazaar.Gateway.RequestIds;
using Bazaar.Gateway.Routing;
using Bazaar.Platform;

var builder = WebApplication.CreateBuilder(args);
builder.AddBazaarDefaults("gateway", GatewayJson.Default);
builder.AddGatewayRouting();

var app = builder.Build();
app.UseRequestIds();
app.UseBazaarDefaults();
app.MapIndex();
app.MapRoutesHealth();
app.MapApiReference();
app.MapGatewayRouting();
app.Run();

public partial class Program;
