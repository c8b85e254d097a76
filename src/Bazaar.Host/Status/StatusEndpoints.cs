using Bazaar.Host.Autoscaling;
using Bazaar.Host.Lifecycle;
using Bazaar.Host.Metrics;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Status;

/// <summary>The Host's own API on 127.0.0.1 (<c>Bazaar:Host:Port</c>): what runs where, the
/// autoscalers' decisions, scaling by hand, and the Host's metrics.</summary>
internal static class StatusEndpoints
{
    public static WebApplication MapStatusEndpoints(this WebApplication app)
    {
        // Its gauges observe the registry from the first scrape on.
        app.Services.GetRequiredService<HostMetrics>();

        // The same list as run/replicas.json: service, replica, pid, url, state, restarts, startedAt.
        app.MapGet("/replicas", (ReplicaRegistry registry) => TypedResults.Ok(registry.Snapshot()));
        app.MapGet("/autoscalers", (AutoscalingController controller) =>
            TypedResults.Ok<IReadOnlyList<AutoscalerView>>([.. controller.Autoscalers.Select(AutoscalerView.Of)]));
        app.MapPost("/deployments/{deployment}/scale", ScaleAsync);
        app.MapPrometheusScrapingEndpoint();
        return app;
    }

    /// <summary>Sets a deployment's replica count, as <c>kubectl scale</c> does; an autoscaled one
    /// is brought back within its min and max at the next sync.</summary>
    private static async Task<IResult> ScaleAsync(string deployment, ScaleRequest request, ControlPlane controlPlane, CancellationToken cancellationToken)
    {
        if (!controlPlane.Deployments.TryGetValue(deployment, out var target))
        {
            return HostProblems.UnknownDeployment(deployment, controlPlane);
        }
        if (request.Replicas is not (>= 0 and <= 64))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid replica count",
                detail: $"replicas must be between 0 and 64 (got {request.Replicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}).",
                type: "invalid-replicas");
        }
        if (!await target.ScaleAsync(request.Replicas.Value, cancellationToken))
        {
            return HostProblems.RolloutConflict($"{deployment} is being rolled out; promote, abort or wait for it, then scale.");
        }
        return TypedResults.Ok(new ScaleResult(deployment, target.Replicas));
    }
}

internal sealed record ScaleRequest(int? Replicas);

internal sealed record ScaleResult(string Deployment, int Replicas);
