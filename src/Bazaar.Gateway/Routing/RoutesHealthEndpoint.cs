using Microsoft.AspNetCore.Http.HttpResults;
using Yarp.ReverseProxy;

namespace Bazaar.Gateway.Routing;

/// <summary>The destinations the gateway can route to, per cluster.</summary>
public sealed record RoutesHealth(IReadOnlyDictionary<string, int> Destinations);

/// <summary><c>GET /health/routes?clusters=a,b</c>: 200 when every cluster named (all, without the
/// parameter) has a destination to route to, 503 otherwise; the body lists them all. It is not the gateway's readiness (a gateway with one service down still serves the
/// others); the Host waits for it before it says the shop is ready, because the gateway learns
/// the published endpoints a moment after the Host writes them.</summary>
internal static class RoutesHealthEndpoint
{
    public static void MapRoutesHealth(this WebApplication app) =>
        app.MapGet("/health/routes", Read).ExcludeFromDescription().AllowAnonymous();

    private static Results<Ok<RoutesHealth>, JsonHttpResult<RoutesHealth>> Read(string? clusters, IProxyStateLookup proxy)
    {
        var destinations = proxy.GetClusters().ToDictionary(cluster => cluster.ClusterId, cluster => cluster.DestinationsState.AvailableDestinations.Count, StringComparer.Ordinal);
        var health = new RoutesHealth(destinations);
        // A Host that runs only some services asks only about theirs.
        var asked = clusters?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. destinations.Keys];
        return asked.All(cluster => destinations.GetValueOrDefault(cluster) > 0)
            ? TypedResults.Ok(health)
            : TypedResults.Json(health, GatewayJson.Default.RoutesHealth, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
