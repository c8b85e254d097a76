namespace Bazaar.Host.Supervision;

/// <summary>Where a replica is in its life, in the words <c>kubectl get pods</c> would use.</summary>
public enum ReplicaState
{
    /// <summary>Process started; the startup probe has not passed yet.</summary>
    Starting,

    /// <summary>Readiness passes: published, receives traffic.</summary>
    Ready,

    /// <summary>Running but readiness fails: not published.</summary>
    NotReady,

    /// <summary>Ended or killed; waiting out the restart back-off.</summary>
    CrashLoopBackOff,

    /// <summary>Asked to stop (standard input closed); not published.</summary>
    Terminating,

    /// <summary>Stopped and not coming back (restartPolicy, scale-down or Host shutdown).</summary>
    Terminated,
}

/// <summary>One replica as the status API and <c>run/replicas.json</c> show it.</summary>
public sealed record ReplicaStatus(
    string Service,
    string Replica,
    int? Pid,
    string? Url,
    ReplicaState State,
    int Restarts,
    DateTimeOffset? StartedAt,
    string Version = "v1");
