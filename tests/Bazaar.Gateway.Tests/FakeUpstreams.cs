using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bazaar.Gateway.Tests;

/// <summary>One small real HTTP server per service name, each answering with who it is and the
/// headers it received, so a test can see where the gateway sent a request and what it carried.
/// A request may ask for response headers (<c>x-test-cache-control</c>, <c>x-test-set-cookie</c>)
/// and a status (<c>x-test-status</c>); <c>count</c> numbers the answers.</summary>
public sealed class FakeUpstreams : IAsyncDisposable
{
    public static readonly string[] Services =
        ["user-service", "product-service", "cart-service", "order-service", "payment-service", "recommendation-service"];

    private readonly WebApplication _app;
    private readonly Dictionary<int, string> _serviceByPort = [];

    /// <summary>How long every upstream waits before answering (to provoke timeouts).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    public Dictionary<string, string> UrlByService { get; } = [];

    public int RequestCount;

    public FakeUpstreams()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var _ in Services) kestrel.Listen(IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        _app.Run(async context =>
        {
            var count = Interlocked.Increment(ref RequestCount);
            await Task.Delay(Delay, context.RequestAborted);
            var asked = context.Request.Headers;
            if (asked.TryGetValue("x-test-cache-control", out var cacheControl)) context.Response.Headers.CacheControl = cacheControl;
            if (asked.TryGetValue("x-test-set-cookie", out var cookie)) context.Response.Headers.SetCookie = cookie;
            if (asked.TryGetValue("x-test-status", out var status)) context.Response.StatusCode = int.Parse(status!, System.Globalization.CultureInfo.InvariantCulture);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(JsonSerializer.Serialize(new
            {
                service = _serviceByPort[context.Connection.LocalPort],
                count,
                path = context.Request.Path.Value,
                headers = context.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            }));
        });
    }

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var urls = _app.Urls.ToArray();
        for (var i = 0; i < Services.Length; i++)
        {
            UrlByService[Services[i]] = urls[i];
            _serviceByPort[new Uri(urls[i]).Port] = Services[i];
        }
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
