using Bazaar.Host.Lifecycle;

namespace Bazaar.Host.Status;

/// <summary>The Host API's problem details that more than one endpoint answers.</summary>
internal static class HostProblems
{
    public static IResult UnknownDeployment(string deployment, ControlPlane controlPlane) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown deployment",
            detail: $"There is no deployment '{deployment}'. Deployments: {string.Join(", ", controlPlane.Deployments.Keys.Order(StringComparer.Ordinal))}.",
            type: "unknown-deployment");

    /// <summary>409: a rollout stands in the way (one under way, none to act on, or one switching).</summary>
    public static IResult RolloutConflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Not now", detail: detail, type: "rollout-conflict");
}
