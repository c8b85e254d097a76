using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;

namespace Bazaar.Host.Lifecycle;

/// <summary>After a Host was killed, its replicas normally stop by themselves (their standard input
/// closed), but one that hangs would hold its port and its database. Kill whatever in
/// <c>run/replicas.json</c> is still alive and provably that replica, never a recycled pid.</summary>
internal sealed class StaleProcessCleaner(HostPaths paths, ILogger<StaleProcessCleaner> logger)
{
    /// <summary>The number of leftover replicas killed.</summary>
    public int Clean()
    {
        var killed = 0;
        foreach (var replica in ReplicaStatusFile.Read(paths.ReplicasFile))
        {
            if (replica.Pid is { } pid && ProcessInspector.IsReplica(pid, replica.Replica, paths.EndpointsFile))
            {
                logger.LogWarning("Stopping {Replica} (pid {Pid}), left running by a previous Host", replica.Replica, pid);
                ProcessInspector.Kill(pid);
                killed++;
            }
        }
        return killed;
    }
}
