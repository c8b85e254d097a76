using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Bazaar.Platform.Governance.Serving;

namespace Bazaar.Platform.Governance;

public static class GovernanceExtensions
{
    /// <summary>The traffic policy and what applies it: on calls out (<see cref="GovernedHandler"/>,
    /// added to every HttpClient by discovery) and on requests in (deadline, fault injection, load shedding).</summary>
    internal static void AddBazaarGovernance(this WebApplicationBuilder builder)
    {
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddOptions<GovernanceOptions>();
        builder.Services.AddSingleton<TrafficPolicyStore>();
        builder.Services.AddSingleton<Upstreams>();
        builder.Services.AddSingleton<GovernanceMetrics>();
        builder.Services.AddSingleton<GradientLimit>();
        builder.Services.AddTransient(services => ActivatorUtilities.CreateInstance<GovernedHandler>(services, false));
    }

    internal static void UseBazaarGovernance(this WebApplication app)
    {
        // Read now, so that a policy file with problems stops the process at start-up.
        _ = app.Services.GetRequiredService<TrafficPolicyStore>();
        app.UseMiddleware<DeadlineMiddleware>();
        app.UseMiddleware<FaultInjectionMiddleware>();
        app.UseMiddleware<LoadSheddingMiddleware>();
        // For operators on the machine (or through kubectl port-forward): it names every replica's
        // address, which the gateway's public port must not hand out.
        app.MapGet("/internal/governance", IResult (HttpContext context, ServiceIdentity identity, TrafficPolicyStore policies, GradientLimit limit, Upstreams upstreams, TimeProvider time) =>
                context.Connection.RemoteIpAddress is { } caller && System.Net.IPAddress.IsLoopback(caller)
                    ? TypedResults.Json(GovernanceStatus.Of(identity, policies, limit, upstreams, time), GovernanceJson.Default.GovernanceStatus)
                    : Problems.Problem.Create(StatusCodes.Status403Forbidden, "forbidden", "Forbidden", "The governance status is served to local callers only."))
            .ExcludeFromDescription();
    }

    /// <summary>A handler that applies the traffic policy to calls made through something other than
    /// an HttpClient from the factory (the gateway's proxy).</summary>
    public static DelegatingHandler CreateGovernedHandler(this IServiceProvider services, bool routeDeadlineIsBudget) =>
        ActivatorUtilities.CreateInstance<GovernedHandler>(services, routeDeadlineIsBudget);
}
