namespace Bazaar.Host.Supervision;

/// <summary>One replica as the autoscaler and rollouts see it at a moment.</summary>
/// <param name="ReadySince">When it last became ready; null while it is not.</param>
/// <param name="CpuTime">The CPU time its current process has used, or null without a process.</param>
internal sealed record ReplicaObservation(
    string Replica,
    ReplicaState State,
    string? Url,
    int? Pid,
    DateTimeOffset? ReadySince,
    TimeSpan? CpuTime);
