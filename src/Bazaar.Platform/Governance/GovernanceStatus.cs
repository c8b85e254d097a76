using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Governance.Policy;
using Bazaar.Platform.Governance.Serving;

namespace Bazaar.Platform.Governance;

/// <summary>What <c>GET /internal/governance</c> shows: the policy in force (with the Host's splits,
/// so that an operator sees the weights of a release under way), this replica's concurrency limit,
/// and every service it calls with each replica's load and outlier state.</summary>
internal sealed record GovernanceStatus(
    string Service,
    string Replica,
    string Version,
    string? PolicyFile,
    string? SplitsFile,
    Dictionary<string, List<WeightedSubset>> Splits,
    IReadOnlyList<string> RefusedReload,
    LimitStatus ConcurrencyLimit,
    IReadOnlyList<UpstreamStatus> Upstreams)
{
    public static GovernanceStatus Of(ServiceIdentity identity, TrafficPolicyStore policies, GradientLimit limit, Upstreams upstreams, TimeProvider time)
    {
        var policy = policies.Current;
        var now = time.GetTimestamp();
        return new(identity.Service, identity.Replica, identity.Version, policies.File, policies.SplitsFile, policies.Splits.Services, policies.LastRefusal,
            new LimitStatus(policy.For(identity.Service).ConcurrencyLimit.Enabled, limit.Limit, limit.InFlight, limit.Rejected),
            [.. upstreams.All.Select(upstream => new UpstreamStatus(
                upstream.Service,
                policy.For(upstream.Service).Routes,
                new BudgetStatus(Math.Round(upstream.RetryBudget.Balance, 2), upstream.RetryBudget.Denied),
                [.. upstream.AllReplicas().OrderBy(replica => replica.Address.ToString(), StringComparer.Ordinal).Select(replica => new ReplicaStatus(
                    replica.Address.ToString(), upstream.SubsetsOf(replica), replica.Outstanding, replica.ConsecutiveErrors,
                    replica.IsEjected(now), replica.EjectedUntil(time), replica.TotalEjections))]))]);
    }
}

internal sealed record LimitStatus(bool Enabled, int Limit, int InFlight, long Rejected);

internal sealed record UpstreamStatus(string Service, IReadOnlyList<RouteRule> Routes, BudgetStatus RetryBudget, IReadOnlyList<ReplicaStatus> Replicas);

internal sealed record BudgetStatus(double Balance, long Denied);

internal sealed record ReplicaStatus(string Address, IReadOnlyList<string> Subsets, int Outstanding, int ConsecutiveErrors, bool Ejected, DateTimeOffset? EjectedUntil, long Ejections);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(GovernanceStatus))]
internal sealed partial class GovernanceJson : JsonSerializerContext;
