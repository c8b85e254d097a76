using System.Text.Json;
using Bazaar.Host.Configuration;
using Bazaar.Host.Publishing;

namespace Bazaar.Host.Releases;

/// <summary>The traffic weights between versions of the services being released, written to
/// <c>run/traffic-splits.json</c>; every replica lays them over the traffic policy's final route of
/// that service (as Argo Rollouts owns the weights of a VirtualService's route). The operator's
/// policy file is never rewritten.</summary>
internal sealed class TrafficSplits(HostPaths paths)
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, IReadOnlyList<SplitWeight>> _splits = new(StringComparer.Ordinal);

    /// <summary>Starts with no splits: every service follows the policy file alone.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _splits.Clear();
            Write();
        }
    }

    /// <summary>Sends <paramref name="canaryWeight"/> percent of the service's unmatched traffic to
    /// <paramref name="canary"/> and the rest to <paramref name="stable"/>.</summary>
    public void Set(string service, string stable, string canary, int canaryWeight)
    {
        lock (_lock)
        {
            _splits[service] = [new SplitWeight(stable, 100 - canaryWeight), new SplitWeight(canary, canaryWeight)];
            Write();
        }
    }

    /// <summary>The service follows the policy file again.</summary>
    public void Clear(string service)
    {
        lock (_lock)
        {
            if (_splits.Remove(service))
            {
                Write();
            }
        }
    }

    private void Write() =>
        AtomicFile.Write(paths.TrafficSplitsFile, JsonSerializer.SerializeToUtf8Bytes(new TrafficSplitsDocument(new(_splits)), HostJson.Default.TrafficSplitsDocument));
}

/// <summary>The file's shape: <c>{ "services": { "&lt;service&gt;": [ { "subset": "v1", "weight": 90 }, … ] } }</c>.</summary>
internal sealed record TrafficSplitsDocument(SortedDictionary<string, IReadOnlyList<SplitWeight>> Services);

internal sealed record SplitWeight(string Subset, int Weight);
