using Bazaar.Host.Lifecycle;

namespace Bazaar.Host.Status;

/// <summary>The Host API's problem details that more than one endpoint answers.</summary>
internal static class HostProblems
{
    public static IResult UnknownDeployment(string deployment, ControlPlane controlPlane) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown deployment",
            detail: $"There is no deployment '{deployment}'. Deployments: {string.Join(", ", controlPlane.Deployments.Keys.Order(StringComparer.Ordinal))}.",
            type: "unknown-deployment");
}
