using System.Net;
using Bazaar.Bench.Scenarios;

namespace Bazaar.Bench.Baselines;

/// <summary>The ceiling to compare against: an ASP.NET Core endpoint that does nothing
/// (<c>GET /empty</c> answers 200, no body), hosted in the bench process on 127.0.0.1.</summary>
internal sealed class EmptyEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmptyEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<EmptyEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        app.MapGet(EmptyScenario.Path, () => Results.Ok());
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        return new EmptyEndpoint(app, new Uri(address.Replace("[::1]", "127.0.0.1", StringComparison.Ordinal)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
