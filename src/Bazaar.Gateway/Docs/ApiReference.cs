using Scalar.AspNetCore;

namespace Bazaar.Gateway.Docs;

/// <summary>An interactive reference of every public API at <c>/docs</c>. Each service's own
/// OpenAPI document is proxied at <c>/openapi/&lt;service&gt;.json</c> (routes in appsettings),
/// so the reference is always what the running services really serve, and "try it" requests go
/// through this gateway like any other client's.</summary>
internal static class ApiReference
{
    public static readonly string[] Services =
        ["user-service", "product-service", "cart-service", "order-service", "payment-service", "recommendation-service"];

    public static void MapApiReference(this WebApplication app) =>
        app.MapScalarApiReference("/docs", options =>
        {
            options.WithTitle("Bazaar API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .AddServer("/", "this gateway")
                // A self-hosted reference: no telemetry, web fonts or hosted assistants that would
                // make the page call out of the shop.
                .DisableTelemetry()
                .DisableDefaultFonts()
                .DisableAgent()
                .DisableMcp()
                .HideDeveloperTools();
            foreach (var service in Services)
            {
                options.AddDocument(service, service);
            }
        }).ExcludeFromDescription();
}
