namespace Bazaar.Platform.Governance.Policy;

/// <summary>The weights of the services a canary release is under way for, in the file named by
/// <c>Bazaar:TrafficSplits</c>. The Host writes it (as Argo Rollouts owns the weights of a
/// VirtualService) so that the operator's policy file, whose lines its error messages name, is never
/// rewritten by a program. A missing file or <c>{}</c> splits nothing.</summary>
public sealed record TrafficSplits
{
    /// <summary>Per logical service name: the subsets of its final (unmatched) route rule, with
    /// weights adding up to 100. An empty list leaves the service as the policy file says.</summary>
    public Dictionary<string, List<WeightedSubset>> Services { get; set; } = [];

    public static TrafficSplits None { get; } = new();

    internal static LoadResult<TrafficSplits> Parse(byte[] json, string file) =>
        PolicyLoader.Parse(json, file, PolicyJson.Default.TrafficSplits, Validate);

    /// <summary>A split becomes a service's final route rule, so it is checked as one by the policy's
    /// own rules; the problems' paths are then put back in terms of this file
    /// (<c>services.x.routes[0].route[1].weight</c> is <c>services.x[1].weight</c> here).</summary>
    private static IEnumerable<(string Path, string Message)> Validate(TrafficSplits splits) =>
        PolicyValidator.Validate(
                new TrafficPolicy
                {
                    Services = splits.Services
                        .Where(split => split.Value is not [])
                        .ToDictionary(split => split.Key, split => new ServicePolicy { Routes = [new RouteRule { Route = split.Value ?? [] }] }),
                },
                knownRoutes: null)
            .Select(problem => (problem.Path.Replace(".routes[0].route", "", StringComparison.Ordinal), problem.Message));

    /// <summary>The policy with these splits in force: each service listed keeps the rules of the file
    /// that match a header (testers still reach their version) and then routes every other request by
    /// the split. Services not listed keep the file's own objects.</summary>
    internal TrafficPolicy ApplyTo(TrafficPolicy policy)
    {
        var splits = Services.Where(split => split.Value is { Count: > 0 }).ToList();
        if (splits.Count == 0)
        {
            return policy;
        }
        var services = new Dictionary<string, ServicePolicy>(policy.Services, StringComparer.Ordinal);
        foreach (var (service, route) in splits)
        {
            var own = services.GetValueOrDefault(service) ?? new ServicePolicy();
            services[service] = own with { Routes = [.. (own.Routes ?? []).Where(rule => rule.Match is not null), new RouteRule { Route = route }] };
        }
        // A new policy rather than `policy with { ... }`: a record's copy would share the cache of
        // resolved services, and keep answering with the routes before the split.
        return new TrafficPolicy { Defaults = policy.Defaults, Services = services, Gateway = policy.Gateway };
    }
}
