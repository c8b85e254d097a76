using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>Chooses the version subset of a call from the service's route rules, as a
/// VirtualService does: the first rule whose headers all match, then a weighted pick. With a
/// sticky key (the user), the pick is a hash of the key, so one shopper keeps one version while
/// the weights stay; without one, it is random.</summary>
internal static class SubsetSelector
{
    public static string? Choose(IReadOnlyList<RouteRule> rules, HttpRequestMessage request, string? stickyKey)
    {
        foreach (var rule in rules)
        {
            if (rule.Match is null || Matches(rule.Match, request))
            {
                return Weighted(rule.Route, stickyKey);
            }
        }
        return null;
    }

    private static bool Matches(RouteMatch match, HttpRequestMessage request)
    {
        foreach (var (name, value) in match.Headers)
        {
            if (!request.Headers.TryGetValues(name, out var values) || !values.Contains(value, StringComparer.Ordinal))
            {
                return false;
            }
        }
        return true;
    }

    private static string Weighted(List<WeightedSubset> route, string? stickyKey)
    {
        var point = stickyKey is null ? Random.Shared.Next(100) : Bucket(stickyKey);
        foreach (var destination in route)
        {
            point -= destination.Weight;
            if (point < 0)
            {
                return destination.Subset;
            }
        }
        return route[^1].Subset;
    }

    /// <summary>A stable bucket 0..99 for a key, the same in every process and every run
    /// (string.GetHashCode is randomised per process): 32-bit FNV-1a over the UTF-16 code units.</summary>
    internal static int Bucket(string key)
    {
        var hash = 2166136261u;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 16777619u;
        }
        return (int)(hash % 100);
    }
}
