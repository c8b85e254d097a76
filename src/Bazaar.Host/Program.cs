using Bazaar.Host;
using Bazaar.Host.Releases;
using Bazaar.Host.Status;

// The Host's settings live beside it (appsettings.json); Bazaar:DataDir is relative to where it is started.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddControlPlane();

// A setting to fix, a missing build or another Host on the same data ends it with one line.
return await StartupFailure.ReportAsync(async () =>
{
    var app = builder.Build();
    app.MapStatusEndpoints();
    app.MapReleaseEndpoints();
    await app.RunAsync();
});
