using Bazaar.Host.Supervision;

namespace Bazaar.Host.Status;

/// <summary>The Host's own API on 127.0.0.1 (<c>Bazaar:Host:Port</c>): what runs where.</summary>
internal static class StatusEndpoints
{
    public static WebApplication MapStatusEndpoints(this WebApplication app)
    {
        // The same list as run/replicas.json: service, replica, pid, url, state, restarts, startedAt.
        app.MapGet("/replicas", (ReplicaRegistry registry) => TypedResults.Ok(registry.Snapshot()));
        return app;
    }
}
