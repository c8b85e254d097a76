using Bazaar.Host.Processes;

namespace Bazaar.Host.Supervision;

/// <summary>What one replica runs (the pod template, reduced to what a process needs).</summary>
/// <param name="FixedPort">The port it must always listen on (the gateway's public one), or 0 for any free port.</param>
/// <param name="Environment">The service's own environment variables (its Deployment's <c>env</c>).</param>
/// <param name="Version">The version label traffic policy routes by.</param>
internal sealed record ReplicaSpec(string Service, string Replica, ServiceBinary Binary, int FixedPort = 0, IReadOnlyDictionary<string, string>? Environment = null, string Version = "v1");
