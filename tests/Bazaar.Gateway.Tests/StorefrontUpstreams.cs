using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bazaar.Gateway.Tests;

/// <summary>A product-service and a recommendation-service on 127.0.0.1 for the product page. Each
/// known product's SKU tells the fake recommender how to behave, so tests need no shared switches.</summary>
public sealed class StorefrontUpstreams : IAsyncDisposable
{
    public static readonly Guid Recommended = Guid.Parse("0192a1b2-0000-7000-8000-000000000001");
    public static readonly Guid SlowlyRecommended = Guid.Parse("0192a1b2-0000-7000-8000-000000000002");
    public static readonly Guid FailinglyRecommended = Guid.Parse("0192a1b2-0000-7000-8000-000000000003");

    private static readonly Dictionary<Guid, string> SkuById = new()
    {
        [Recommended] = "SKU-OK",
        [SlowlyRecommended] = "SKU-SLOW",
        [FailinglyRecommended] = "SKU-FAILS",
    };

    private readonly WebApplication _app;

    public string ProductServiceUrl { get; private set; } = "";

    public string RecommendationServiceUrl { get; private set; } = "";

    public StorefrontUpstreams()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, 0);
            kestrel.Listen(IPAddress.Loopback, 0);
        });
        _app = builder.Build();
        _app.MapGet("/api/products/{id:guid}", (Guid id) => SkuById.TryGetValue(id, out var sku)
            ? Results.Text(ProductJson(id, sku), "application/json")
            : Results.Problem(statusCode: 404, title: "Not found", type: "urn:bazaar:problem:not-found"));
        _app.MapGet("/api/recommendations/products/{sku}", async (string sku, int limit, HttpContext context) =>
        {
            switch (sku)
            {
                case "SKU-SLOW":
                    await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                    return Results.Text(RecommendationsJson(limit), "application/json");
                case "SKU-FAILS":
                    return Results.StatusCode(500);
                default:
                    return Results.Text(RecommendationsJson(limit), "application/json");
            }
        });
    }

    public static string ProductJson(Guid id, string sku) => $$"""
        {"id":"{{id}}","sku":"{{sku}}","name":"Teapot","brand":"Acme","categoryId":"0192a1b2-0000-7000-8000-0000000000c1",
         "price":{"amount":12.50,"currency":"USD"},"available":7,"imageUrl":null,"description":"Holds tea.",
         "attributes":{"colour":"blue"},"status":"Active","listPrice":{"amount":15.00,"currency":"USD"},"onSale":true,"imageUrls":[]}
        """;

    // The limit the gateway asked for comes back as the strategy's suffix, so a test can see it.
    private static string RecommendationsJson(int limit) => $$"""
        {"sku":"SKU-OK","strategy":"item-to-item-{{limit}}","fallback":false,"degraded":false,
         "items":[{"sku":"SKU-CUP","name":"Cup","score":0.9},{"sku":"SKU-SAUCER","name":"Saucer","score":0.5}]}
        """;

    public async Task StartAsync()
    {
        await _app.StartAsync();
        var urls = _app.Urls.ToArray();
        ProductServiceUrl = urls[0];
        RecommendationServiceUrl = urls[1];
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
