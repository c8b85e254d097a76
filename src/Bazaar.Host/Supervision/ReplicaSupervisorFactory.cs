using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Supervision;

/// <summary>Makes supervisors that share the Host's launcher, probe, ports and registry.</summary>
internal sealed class ReplicaSupervisorFactory(
    IOptions<BazaarHostOptions> options,
    ReplicaLauncher launcher,
    HttpProbe probe,
    PortAllocator ports,
    ReplicaRegistry registry,
    TimeProvider time,
    ILoggerFactory loggers)
{
    public ReplicaSupervisor Create(ReplicaSpec spec)
    {
        if (spec.FixedPort != 0)
        {
            ports.Reserve(spec.FixedPort);
        }
        return new ReplicaSupervisor(spec, options.Value, launcher, probe, ports, registry, time, loggers.CreateLogger<ReplicaSupervisor>());
    }
}
