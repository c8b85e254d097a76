using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bazaar.Bench.Tests;

/// <summary>A tiny stand-in for the gateway on 127.0.0.1, speaking the shapes the services do,
/// strict where the bench could go wrong: tokens must be the ones it issued, every order must
/// carry a new Idempotency-Key.</summary>
internal sealed class FakePlatform : IAsyncDisposable
{
    private readonly WebApplication _app;

    public ConcurrentDictionary<string, int> IdempotencyKeys { get; } = new();

    public ConcurrentDictionary<string, int> Registered { get; } = new();

    public Uri Address { get; private set; } = null!;

    private FakePlatform(WebApplication app) => _app = app;

    public static async Task<FakePlatform> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var platform = new FakePlatform(app);
        var category = Guid.CreateVersion7();
        var products = Enumerable.Range(1, 5).Select(i => new { id = Guid.CreateVersion7(), sku = $"SKU-{i:D6}", name = $"Steel Chair {i}", categoryId = category, available = 10 * i }).ToList();

        app.MapGet("/api/products", () => Results.Json(new { items = products, next = (string?)null }));
        app.MapGet("/api/products/{id:guid}", (Guid id) => products.Any(p => p.id == id) ? Results.Json(products.First(p => p.id == id)) : Results.NotFound());
        app.MapGet("/api/categories", () => Results.Json(new[] { new { id = category, name = "Chairs", slug = "chairs", parentId = (Guid?)null } }));
        app.MapPost("/api/users/register", async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, string>>();
            platform.Registered.AddOrUpdate(body!["email"], 1, (_, n) => n + 1);
            return Results.Created("/api/users/me", new { });
        });
        app.MapPost("/api/users/login", async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync<Dictionary<string, string>>();
            return Results.Json(new { accessToken = "t-" + body!["email"], tokenType = "Bearer", expiresIn = 900, refreshToken = "r", refreshExpiresIn = 1 });
        });
        app.MapPut("/api/cart/items/{sku}", (HttpRequest request) => Authorised(request) ? Results.Json(new { lines = Array.Empty<object>() }) : Results.Unauthorized());
        app.MapGet("/api/cart", (HttpRequest request) => Authorised(request) ? Results.Json(new { lines = Array.Empty<object>() }) : Results.Unauthorized());
        app.MapPost("/api/orders", (HttpRequest request) =>
        {
            if (!Authorised(request)) return Results.Unauthorized();
            var key = request.Headers["Idempotency-Key"].ToString();
            if (key.Length == 0) return Results.BadRequest();
            var seen = platform.IdempotencyKeys.AddOrUpdate(key, 1, (_, n) => n + 1);
            return Results.Json(new { id = Guid.CreateVersion7(), status = seen == 1 ? "Paid" : "Replayed" }, statusCode: seen == 1 ? 201 : 200);
        });
        await app.StartAsync();
        platform.Address = new Uri(app.Urls.First());
        return platform;
    }

    private static bool Authorised(HttpRequest request) => request.Headers.Authorization.ToString().StartsWith("Bearer t-bench-", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
