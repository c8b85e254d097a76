using System.Collections.Concurrent;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>Every service this process calls, with its replicas' state: shared by all HttpClients
/// and the gateway's proxy, so they balance and eject together.</summary>
public sealed class Upstreams(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ServiceUpstream> _services = new(StringComparer.Ordinal);

    internal ServiceUpstream For(string service) => _services.GetOrAdd(service, static (name, time) => new ServiceUpstream(name, time), time);

    internal IEnumerable<ServiceUpstream> All => _services.Values.OrderBy(upstream => upstream.Service, StringComparer.Ordinal);
}
