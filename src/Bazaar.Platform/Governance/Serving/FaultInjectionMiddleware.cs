using Bazaar.Platform.Governance.Policy;
using Bazaar.Platform.Problems;
using Bazaar.Platform.Telemetry;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>Istio's fault injection, applied by the replica itself: the policy's <c>fault</c> for
/// this service (and version, if it names a subset) delays or aborts that share of its requests.
/// Probes and metrics are never faulted, so a faulty replica still looks alive to the Host.</summary>
internal sealed class FaultInjectionMiddleware(RequestDelegate next, TrafficPolicyStore policies, ServiceIdentity identity, TimeProvider time)
{
    public const string FaultHeader = "x-bazaar-fault";

    public async Task InvokeAsync(HttpContext context)
    {
        var fault = policies.Current.For(identity.Service).Fault;
        if (fault is null || (fault.Subset is not null && fault.Subset != identity.Version) || IsExempt(context.Request.Path))
        {
            await next(context);
            return;
        }
        if (fault.Delay is { } delay && Random.Shared.NextDouble() * 100 < delay.Percentage)
        {
            context.Response.Headers[FaultHeader] = "delay";
            await Task.Delay(delay.FixedDelay, time, context.RequestAborted);
        }
        if (fault.Abort is { } abort && Random.Shared.NextDouble() * 100 < abort.Percentage)
        {
            context.Response.Headers[FaultHeader] = "abort";
            await Problem.Create(abort.HttpStatus, "fault-injected", "Fault injected",
                "The traffic policy injected this failure to test resilience.").ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    internal static bool IsExempt(PathString path) =>
        TelemetryExtensions.IsInfrastructurePath(path) || path.StartsWithSegments("/internal/governance");
}
