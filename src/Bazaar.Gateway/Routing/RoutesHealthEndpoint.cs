using Bazaar.Platform.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.ServiceDiscovery;
using Yarp.ReverseProxy;

namespace Bazaar.Gateway.Routing;

/// <summary>The ready replicas the gateway can route to, per cluster.</summary>
public sealed record RoutesHealth(IReadOnlyDictionary<string, int> Destinations);

/// <summary><c>GET /health/routes?clusters=a,b</c>: 200 when every cluster named (all, without the
/// parameter) has a ready replica in the gateway's service discovery, 503 otherwise; the body lists
/// them all. It is not the gateway's readiness (a gateway with one service down still serves the
/// others); the Host waits for it before it says the shop is ready, because the gateway learns
/// the published endpoints a moment after the Host writes them.</summary>
internal static class RoutesHealthEndpoint
{
    public static void MapRoutesHealth(this WebApplication app) =>
        app.MapGet("/health/routes", ReadAsync).ExcludeFromDescription().AllowAnonymous();

    private static async Task<Results<Ok<RoutesHealth>, JsonHttpResult<RoutesHealth>>> ReadAsync(
        string? clusters, IProxyStateLookup proxy, ServiceEndpointResolver resolver, CancellationToken cancellationToken)
    {
        var destinations = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var cluster in proxy.GetClusters())
        {
            var replicas = 0;
            foreach (var destination in cluster.Destinations.Values)
            {
                replicas += await ReadyReplicasAsync(resolver, destination.Model.Config.Address, cancellationToken);
            }
            destinations[cluster.ClusterId] = replicas;
        }
        var health = new RoutesHealth(destinations);
        // A Host that runs only some services asks only about theirs.
        var asked = clusters?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [.. destinations.Keys];
        return asked.All(cluster => destinations.GetValueOrDefault(cluster) > 0)
            ? TypedResults.Ok(health)
            : TypedResults.Json(health, GatewayJson.Default.RoutesHealth, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<int> ReadyReplicasAsync(ServiceEndpointResolver resolver, string address, CancellationToken cancellationToken)
    {
        try
        {
            return (await resolver.GetEndpointsAsync(address, cancellationToken)).Endpoints.Count;
        }
        catch (InvalidOperationException exception) when (NoReadyReplica.Is(exception))
        {
            return 0;
        }
    }
}
