using Bazaar.Platform;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Bazaar.Platform.Tests;

/// <summary>A real Kestrel server on a free loopback port with the Bazaar defaults, for behaviour
/// that only a real server shows (body limits, /metrics, probes, shutdown).</summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    public HttpClient Client { get; }

    private TestApp(WebApplication app)
    {
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public IServiceProvider Services => _app.Services;

    public static async Task<TestApp> StartAsync(Action<WebApplication> map, IDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Bazaar:DataDir"] = Directory.CreateTempSubdirectory("bazaar-platform-").FullName,
        });
        if (settings is not null) builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.AddBazaarDefaults("test-service");
        configure?.Invoke(builder);
        var app = builder.Build();
        app.UseBazaarDefaults();
        map(app);
        await app.StartAsync();
        return new TestApp(app);
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.DisposeAsync();
    }
}
