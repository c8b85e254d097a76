using System.Net.Http.Json;
using Bazaar.Host.Processes;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

/// <summary>The real Host executable, running two user-service replicas (one of them standing in
/// for the gateway) and nothing else.</summary>
[Collection(ProcessesCollection.Name)]
public sealed class HostProcessTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();
    private readonly int _gatewayPort = new PortAllocator().Allocate();

    public void Dispose() => _data.Dispose();

    private HostProcess StartHost(params (string Key, string Value)[] extra)
    {
        var settings = HostProcess.UserServiceOnly(_gatewayPort);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return new HostProcess(_data.Path, settings);
    }

    private IReadOnlyList<int> ReplicaPids() =>
        [.. RunFiles.Replicas(_data.Paths.ReplicasFile).Where(replica => replica.Pid is not null).Select(replica => replica.Pid!.Value)];

    [Fact]
    public async Task Runs_every_service_prints_the_gateway_first_and_stops_cleanly_on_SIGTERM()
    {
        await using var host = StartHost();

        var ready = await host.ReadyLineAsync();
        Assert.Contains($"Bazaar is ready: gateway http://127.0.0.1:{_gatewayPort}  (data in {_data.Path}, logs in {_data.Paths.Logs}, host API http://127.0.0.1:", ready, StringComparison.Ordinal);
        Assert.Equal(ready, host.Output.First(line => line.Contains("http://", StringComparison.Ordinal)));

        using var client = new HttpClient { BaseAddress = await host.HostApiAsync() };
        var replicas = await client.GetFromJsonAsync<List<ReplicaStatus>>("/replicas", Publishing.HostJson.Default.Options, TestContext.Current.CancellationToken)
            ?? throw new InvalidOperationException("no body");
        Assert.Equal(["gateway-0", "user-service-0"], replicas.Select(replica => replica.Replica));
        Assert.All(replicas, replica => Assert.Equal(ReplicaState.Ready, replica.State));
        Assert.Equal([$"http://127.0.0.1:{_gatewayPort}"], RunFiles.Endpoints(_data.Paths.EndpointsFile, "gateway"));
        Assert.Equal([replicas[1].Url!], RunFiles.Endpoints(_data.Paths.EndpointsFile, "user-service"));
        Assert.Equal(replicas.Select(replica => replica.Pid!.Value), ReplicaPids());

        host.Terminate();

        Assert.Equal(0, await host.ExitCodeAsync());
        Assert.All(replicas, replica => Assert.False(Signals.IsAlive(replica.Pid!.Value)));
        Assert.False(File.Exists(_data.Paths.HostPidFile));
        Assert.Empty(RunFiles.Endpoints(_data.Paths.EndpointsFile, "user-service"));
        Assert.Contains(host.Output, line => line.EndsWith("Bazaar stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_killed_host_leaves_no_orphan_and_the_next_one_starts_cleanly()
    {
        var first = StartHost();
        await first.ReadyLineAsync();
        var orphans = ReplicaPids();
        Assert.Equal(2, orphans.Count);

        first.KillHard();
        await first.ExitCodeAsync();
        await first.DisposeAsync();

        await Eventually.HoldsAsync(() => !orphans.Any(Signals.IsAlive), "the replicas of the killed Host are gone");
        await using var second = StartHost();
        await second.ReadyLineAsync();
        Assert.DoesNotContain(ReplicaPids(), orphans.Contains);
        second.Terminate();
        Assert.Equal(0, await second.ExitCodeAsync());
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_is_refused()
    {
        await using var first = StartHost();
        await first.ReadyLineAsync();
        var running = ReplicaPids();

        await using var second = StartHost();

        Assert.Equal(1, await second.ExitCodeAsync());
        var error = Assert.Single(second.Errors);
        Assert.Contains($"Another Bazaar Host (pid {first.Pid}) is already running", error, StringComparison.Ordinal);
        Assert.All(running, pid => Assert.True(Signals.IsAlive(pid)));
    }

    [Fact]
    public async Task A_bad_setting_stops_the_host_with_one_line_naming_it()
    {
        await using var host = StartHost(("Bazaar__Probes__Liveness__FailureThreshold", "0"));

        Assert.Equal(1, await host.ExitCodeAsync());
        var error = Assert.Single(host.Errors);
        Assert.Contains("Bazaar:Probes:Liveness:FailureThreshold", error, StringComparison.Ordinal);
        Assert.Empty(host.Output);
        Assert.Empty(ReplicaPids());
    }
}
