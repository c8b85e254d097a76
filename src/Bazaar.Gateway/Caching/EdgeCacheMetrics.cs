using System.Diagnostics.Metrics;

namespace Bazaar.Gateway.Caching;

/// <summary>The <c>Bazaar.Gateway</c> meter's cache counter: how many requests the cache answered.</summary>
internal sealed class EdgeCacheMetrics(IMeterFactory meters)
{
    private readonly Counter<long> _lookups = meters.Create("Bazaar.Gateway")
        .CreateCounter<long>("bazaar.gateway.cache.lookups", description: "Cacheable requests, by whether the gateway's cache answered them (hit) or the service did (miss).");

    public void Hit() => _lookups.Add(1, new KeyValuePair<string, object?>("result", "hit"));

    public void Miss() => _lookups.Add(1, new KeyValuePair<string, object?>("result", "miss"));
}
