using System.Globalization;
using Bazaar.Host.Configuration;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Processes;

/// <summary>Starts a replica process with what a service needs to know from its control plane:
/// where to listen, who it is, where its data and the endpoints of the others are.</summary>
internal sealed class ReplicaLauncher(HostPaths paths, TimeProvider time)
{
    public ReplicaProcess Launch(ReplicaSpec spec, int port)
    {
        var url = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var startInfo = spec.Binary.CreateStartInfo();
        var environment = startInfo.Environment;
        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }
        // Kestrel would warn that ASPNETCORE_URLS overrides these; the Host decides the address.
        environment.Remove("ASPNETCORE_HTTP_PORTS");
        environment.Remove("ASPNETCORE_HTTPS_PORTS");
        environment["ASPNETCORE_URLS"] = url;
        environment["Bazaar__Service"] = spec.Service;
        environment["Bazaar__Replica"] = spec.Replica;
        environment["Bazaar__Version"] = spec.Version;
        environment["Bazaar__TrafficPolicy"] = paths.TrafficPolicy;
        environment["Bazaar__TrafficSplits"] = paths.TrafficSplitsFile;
        environment["Bazaar__DataDir"] = paths.Data;
        environment["Bazaar__EndpointsFile"] = paths.EndpointsFile;
        environment["Bazaar__ExitWithParent"] = "true";
        // Seven processes share two cores: server GC's heap and thread per core would only compete.
        environment["DOTNET_gcServer"] = "0";
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")))
        {
            environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        }
        return ReplicaProcess.Start(startInfo, url, paths.LogFile(spec.Replica), time);
    }
}
