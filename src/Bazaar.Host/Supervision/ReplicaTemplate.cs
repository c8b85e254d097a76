using Bazaar.Host.Processes;

namespace Bazaar.Host.Supervision;

/// <summary>What every replica of one revision of a deployment runs (a pod template): its build,
/// version label and environment. A rollout replaces one template by the next.</summary>
/// <param name="Revision">1 for what the Host started with, then one more per rollout.</param>
internal sealed record ReplicaTemplate(int Revision, ServiceBinary Binary, string Version, IReadOnlyDictionary<string, string> Environment)
{
    /// <summary>Where the build came from, for status: the Host's own outputs or a published folder.</summary>
    public string? BinariesDir { get; init; }
}
