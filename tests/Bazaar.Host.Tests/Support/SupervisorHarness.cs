using Bazaar.Host.Configuration;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;
using Bazaar.Host.Supervision;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bazaar.Host.Tests.Support;

/// <summary>The Host's supervision parts wired as in the Host, on a temporary data folder, running
/// the real user-service.</summary>
internal sealed class SupervisorHarness : IAsyncDisposable
{
    private readonly TemporaryDataDir _data = new();
    private readonly HttpProbe _probe = new();
    private readonly CancellationTokenSource _hostStopping = new();
    private readonly List<ReplicaSupervisor> _supervisors = [];
    private readonly List<ReplicaSet> _replicaSets = [];

    public SupervisorHarness()
    {
        Options = new BazaarHostOptions
        {
            DataDir = _data.Path,
            BackOff = new BackOffOptions { InitialSeconds = 0.5, MaxSeconds = 2 },
            TerminationGracePeriodSeconds = 30,
        };
        Registry = new ReplicaRegistry([
            new EndpointsPublisher(Paths, [("user-service", "v1")], NullLogger<EndpointsPublisher>.Instance),
            new ReplicaStatusFile(Paths, NullLogger<ReplicaStatusFile>.Instance),
        ]);
        Supervisors = new ReplicaSupervisorFactory(
            Microsoft.Extensions.Options.Options.Create(Options),
            new ReplicaLauncher(Paths, TimeProvider.System),
            _probe,
            new PortAllocator(),
            Registry,
            TimeProvider.System,
            NullLoggerFactory.Instance);
        Registry.Notify();
    }

    public BazaarHostOptions Options { get; }

    public HostPaths Paths => _data.Paths;

    public ReplicaRegistry Registry { get; }

    public ReplicaSupervisorFactory Supervisors { get; }

    public IReadOnlyList<string> PublishedUserService => RunFiles.Endpoints(Paths.EndpointsFile, "user-service");

    public ReplicaStatus? Status(string replica) => Registry.Snapshot().SingleOrDefault(status => status.Replica == replica);

    public ReplicaSupervisor StartUserService(string replica = "user-service-0")
    {
        var supervisor = Supervisors.Create(new ReplicaSpec("user-service", replica, Artifacts.UserService));
        _supervisors.Add(supervisor);
        supervisor.Start(_hostStopping.Token);
        return supervisor;
    }

    public ReplicaSet UserServiceReplicaSet()
    {
        var template = new ReplicaTemplate(1, Artifacts.UserService, "v1", new Dictionary<string, string>());
        var replicaSet = new ReplicaSet("user-service", "user-service", template, 0, Supervisors, Registry, Options.TerminationGracePeriod, Options.PreStopSleep, _hostStopping.Token);
        _replicaSets.Add(replicaSet);
        return replicaSet;
    }

    public Task<ReplicaStatus> ReadyAsync(string replica, Func<ReplicaStatus, bool>? and = null) =>
        Eventually.ReturnsAsync(() => Status(replica) is { State: ReplicaState.Ready } status && (and?.Invoke(status) ?? true) ? status : null,
            $"{replica} is ready");

    public async ValueTask DisposeAsync()
    {
        await _hostStopping.CancelAsync();
        await Task.WhenAll(_supervisors.Select(supervisor => supervisor.StopAsync(TimeSpan.FromSeconds(30))));
        foreach (var replicaSet in _replicaSets)
        {
            await replicaSet.UnpublishAsync();
            await replicaSet.TerminateAsync();
        }
        _probe.Dispose();
        _hostStopping.Dispose();
        _data.Dispose();
    }
}
