using Bazaar.Host.Lifecycle;
using Bazaar.Host.Status;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Releases;

/// <summary>The Host API's release commands: what each deployment runs, and rolling it forward,
/// promoting, aborting and rolling it back (<c>kubectl rollout</c> and Argo Rollouts' verbs).</summary>
internal static class ReleaseEndpoints
{
    public static WebApplication MapReleaseEndpoints(this WebApplication app)
    {
        app.MapGet("/deployments", (ControlPlane controlPlane, RolloutController rollouts) =>
            TypedResults.Ok<IReadOnlyList<DeploymentView>>([.. controlPlane.Deployments.Values
                .OrderBy(deployment => deployment.Name, StringComparer.Ordinal)
                .Select(deployment => DeploymentView.Of(deployment, rollouts.ViewOf(deployment.Name)))]));
        app.MapGet("/rollouts", (RolloutController rollouts) => TypedResults.Ok(rollouts.Views()));
        app.MapPost("/deployments/{deployment}/rollout", (string deployment, RolloutRequest request, ControlPlane controlPlane, RolloutController rollouts) =>
            On(deployment, controlPlane, target => rollouts.Start(target, request)));
        app.MapPost("/deployments/{deployment}/rollout/promote", (string deployment, ControlPlane controlPlane, RolloutController rollouts) =>
            On(deployment, controlPlane, rollouts.Promote));
        app.MapPost("/deployments/{deployment}/rollout/abort", (string deployment, ControlPlane controlPlane, RolloutController rollouts) =>
            On(deployment, controlPlane, rollouts.Abort));
        app.MapPost("/deployments/{deployment}/rollback", (string deployment, ControlPlane controlPlane, RolloutController rollouts) =>
            On(deployment, controlPlane, rollouts.Undo));
        return app;
    }

    private static IResult On(string name, ControlPlane controlPlane, Func<Deployment, RolloutResult> command)
    {
        if (!controlPlane.Deployments.TryGetValue(name, out var deployment))
        {
            return HostProblems.UnknownDeployment(name, controlPlane);
        }
        var result = command(deployment);
        return result switch
        {
            { Rollout: { } rollout } => TypedResults.Json(rollout.View(), statusCode: result.Status),
            { Status: StatusCodes.Status409Conflict } => HostProblems.RolloutConflict(result.Problem!),
            _ => TypedResults.Problem(statusCode: result.Status, title: "Invalid rollout", detail: result.Problem, type: "invalid-rollout"),
        };
    }
}

/// <summary>A deployment as <c>GET /deployments</c> shows it: what it runs and its latest rollout.</summary>
internal sealed record DeploymentView(
    string Name,
    string Service,
    int Revision,
    string Version,
    int Replicas,
    int ReadyReplicas,
    IReadOnlyList<int> History,
    RolloutView? Rollout)
{
    public static DeploymentView Of(Deployment deployment, RolloutView? rollout)
    {
        var current = deployment.Current;
        return new DeploymentView(deployment.Name, deployment.Service, current.Template.Revision, current.Template.Version,
            current.Replicas, current.ReadyReplicas, [.. deployment.History.Select(template => template.Revision)], rollout);
    }
}
