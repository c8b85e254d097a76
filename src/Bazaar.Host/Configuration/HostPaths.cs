namespace Bazaar.Host.Configuration;

/// <summary>The layout of the data folder: <c>data/</c> for the services' databases, <c>logs/</c> for
/// one log a replica, <c>run/</c> for what describes the running shop (endpoints, replicas, pid).</summary>
internal sealed class HostPaths(string dataDir, string? trafficPolicy = null)
{
    /// <summary>The traffic policy file the replicas read: <c>Bazaar:TrafficPolicy</c>, else the one shipped beside the Host.</summary>
    public string TrafficPolicy { get; } = Path.GetFullPath(string.IsNullOrWhiteSpace(trafficPolicy)
        ? Path.Combine(AppContext.BaseDirectory, "traffic-policy.json")
        : trafficPolicy);

    public string DataDir { get; } = Path.GetFullPath(dataDir);

    public string Data => Path.Combine(DataDir, "data");

    public string Logs => Path.Combine(DataDir, "logs");

    public string Run => Path.Combine(DataDir, "run");

    /// <summary>The ready replicas, read by every service's discovery (<c>Bazaar:EndpointsFile</c>).</summary>
    public string EndpointsFile => Path.Combine(Run, "endpoints.json");

    public string ReplicasFile => Path.Combine(Run, "replicas.json");

    /// <summary>The traffic weights of the services being released, read by every replica beside the
    /// traffic policy (<c>Bazaar:TrafficSplits</c>).</summary>
    public string TrafficSplitsFile => Path.Combine(Run, "traffic-splits.json");

    public string HostPidFile => Path.Combine(Run, "host.pid");

    /// <summary>The Host API's address (<c>http://127.0.0.1:&lt;port&gt;</c>) while the Host runs, for tools.</summary>
    public string HostApiFile => Path.Combine(Run, "host-api");

    public string LogFile(string replica) => Path.Combine(Logs, replica + ".log");

    public void EnsureCreated()
    {
        Directory.CreateDirectory(Data);
        Directory.CreateDirectory(Logs);
        Directory.CreateDirectory(Run);
    }
}
