using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Bazaar.Platform.Problems;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>Keeps a replica's admitted requests fast under overload: beyond its adaptive
/// concurrency limit a request gets 503 with Retry-After at once (marked so callers retry it on
/// another replica) instead of queueing behind the others.</summary>
internal sealed class LoadSheddingMiddleware(RequestDelegate next, GradientLimit limit, TrafficPolicyStore policies, ServiceIdentity identity, GovernanceMetrics metrics)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var policy = policies.Current.For(identity.Service).ConcurrencyLimit;
        if (!policy.Enabled || FaultInjectionMiddleware.IsExempt(context.Request.Path)
            || context.GetEndpoint()?.Metadata.GetMetadata<LoadSheddingExemptAttribute>() is not null)
        {
            await next(context);
            return;
        }
        if (!limit.TryAcquire(policy, out var started))
        {
            metrics.Shed();
            context.Response.Headers.RetryAfter = "1";
            context.Response.Headers[CallOutcomes.OverloadedHeader] = "true";
            await Problem.Unavailable("overloaded", "Overloaded",
                "This replica is at its concurrency limit; try again in a moment.").ExecuteAsync(context);
            return;
        }
        try
        {
            await next(context);
        }
        finally
        {
            limit.Release(started);
        }
    }
}

/// <summary>Marks an endpoint whose requests wait rather than work (a long-poll): they neither
/// count against the concurrency limit nor teach it their latency.</summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class LoadSheddingExemptAttribute : Attribute;
