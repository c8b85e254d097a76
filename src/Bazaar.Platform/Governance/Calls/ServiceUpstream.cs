using System.Collections.Concurrent;
using Microsoft.Extensions.ServiceDiscovery;
using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>One service as its callers in this process see it: its replicas (per version subset)
/// with their load and outlier state, and its retry budget.</summary>
internal sealed class ServiceUpstream(string service, TimeProvider time)
{
    private readonly Lock _lock = new();
    // One state per replica however it was reached (the whole service or its version's subset).
    private readonly Dictionary<Uri, Replica> _replicas = [];
    private readonly Dictionary<string, (IReadOnlyList<ServiceEndpoint> Source, Replica[] Replicas)> _bySubset = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Scheme, string Subset), string> _discoveryNames = new();
    private int _roundRobin;

    public string Service { get; } = service;

    /// <summary>The name discovery knows the service (or one version's subset) by, built once
    /// rather than on every call: <c>http://product-service</c>, <c>http://v2.product-service</c>.</summary>
    public string DiscoveryName(string scheme, string? subset) =>
        _discoveryNames.GetOrAdd((scheme, subset ?? ""), static (key, service) =>
            key.Subset.Length == 0 ? $"{key.Scheme}://{service}" : $"{key.Scheme}://{key.Subset}.{service}", Service);

    public RetryBudget RetryBudget { get; } = new(time);

    /// <summary>The replicas discovery currently lists under one name (the whole service, or one
    /// version's subset). <paramref name="endpoints"/> is discovery's list: while it is the same
    /// object, the mapping is reused, so a call allocates nothing here.</summary>
    public Replica[] Replicas(string? subset, IReadOnlyList<ServiceEndpoint> endpoints, Uri target)
    {
        var key = subset ?? "";
        lock (_lock)
        {
            if (_bySubset.TryGetValue(key, out var known) && ReferenceEquals(known.Source, endpoints))
            {
                return known.Replicas;
            }
            var replicas = endpoints
                .Select(endpoint => ServiceAddresses.ToUri(endpoint.EndPoint, target))
                .Select(address => _replicas.TryGetValue(address, out var replica) ? replica : _replicas[address] = new Replica(address))
                .ToArray();
            _bySubset[key] = (endpoints, replicas);
            var listed = _bySubset.Values.SelectMany(entry => entry.Replicas).ToHashSet();
            foreach (var gone in _replicas.Keys.Where(address => !listed.Contains(_replicas[address])).ToList())
            {
                _replicas.Remove(gone);
            }
            return replicas;
        }
    }

    /// <summary>The versions a replica was listed under (empty when only reached as the whole service).</summary>
    public IReadOnlyList<string> SubsetsOf(Replica replica)
    {
        lock (_lock)
        {
            return [.. _bySubset.Where(entry => entry.Key.Length > 0 && entry.Value.Replicas.Contains(replica)).Select(entry => entry.Key).Order(StringComparer.Ordinal)];
        }
    }

    public IReadOnlyList<Replica> AllReplicas()
    {
        lock (_lock)
        {
            return [.. _replicas.Values];
        }
    }

    /// <summary>Picks a replica that is not ejected and not yet tried for this call, by least
    /// outstanding requests of two random ones (or round robin). When every replica is ejected, the
    /// ejections are ignored (Envoy's panic mode): a guess beats refusing every request.</summary>
    public Replica? Pick(Replica[] replicas, LoadBalancer balancer, List<Replica>? tried)
    {
        var now = time.GetTimestamp();
        Span<int> eligible = replicas.Length <= 64 ? stackalloc int[replicas.Length] : new int[replicas.Length];
        var panic = Array.TrueForAll(replicas, replica => replica.IsEjected(now));
        var count = Collect(replicas, tried, now, respectEjection: !panic, eligible);
        if (count == 0)
        {
            // Every replica was tried: a second try on one beats giving up when it is the only one.
            return tried is { Count: > 0 } && replicas.Length == 1 ? replicas[0] : null;
        }
        if (count == 1)
        {
            return replicas[eligible[0]];
        }
        if (balancer == LoadBalancer.RoundRobin)
        {
            return replicas[eligible[(int)((uint)Interlocked.Increment(ref _roundRobin) % (uint)count)]];
        }
        var first = Random.Shared.Next(count);
        var second = (first + 1 + Random.Shared.Next(count - 1)) % count;
        var a = replicas[eligible[first]];
        var b = replicas[eligible[second]];
        return b.Outstanding < a.Outstanding ? b : a;
    }

    /// <summary>Ejects an outlier unless that would take out more than the policy's share of the
    /// service's replicas; one replica can always be ejected (as Envoy does).</summary>
    public bool TryEject(Replica replica, Replica[] replicas, OutlierDetectionPolicy policy)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (replica.IsEjected(now))
            {
                return false; // several failures in flight at once: one ejection, not several
            }
            var ejected = replicas.Count(other => other.IsEjected(now));
            if (ejected > 0 && (ejected + 1) * 100.0 / replicas.Length > policy.MaxEjectionPercent)
            {
                return false;
            }
            replica.Eject(policy, time);
            return true;
        }
    }

    private static int Collect(Replica[] replicas, List<Replica>? tried, long now, bool respectEjection, Span<int> eligible)
    {
        var count = 0;
        for (var i = 0; i < replicas.Length; i++)
        {
            var replica = replicas[i];
            if ((respectEjection && replica.IsEjected(now)) || (tried is not null && tried.Contains(replica)))
            {
                continue;
            }
            eligible[count++] = i;
        }
        return count;
    }
}
