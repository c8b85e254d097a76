using System.Text.Json;
using Bazaar.Host.Configuration;
using Bazaar.Host.Lifecycle;
using Bazaar.Host.Processes;
using Bazaar.Host.Publishing;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bazaar.Host.Tests;

[Collection(ProcessesCollection.Name)]
public sealed class StaleProcessCleanerTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();
    private readonly TemporaryDataDir _otherData = new();

    public void Dispose()
    {
        _data.Dispose();
        _otherData.Dispose();
    }

    private void LeaveReplicasFile(params (string Replica, int Pid)[] replicas) =>
        File.WriteAllBytes(_data.Paths.ReplicasFile, JsonSerializer.SerializeToUtf8Bytes(
            replicas.Select(replica => new ReplicaStatus("user-service", replica.Replica, replica.Pid, null, ReplicaState.Ready, 0, null)).ToList(),
            HostJson.Default.ListReplicaStatus));

    private static ReplicaProcess Launch(HostPaths paths, string replica) =>
        new ReplicaLauncher(paths, TimeProvider.System).Launch(new ReplicaSpec("user-service", replica, Artifacts.UserService), new PortAllocator().Allocate());

    [Fact]
    public async Task Kills_what_a_dead_host_left_running_but_never_a_recycled_pid()
    {
        using var leftover = Launch(_data.Paths, "user-service-0");
        using var anotherHostsReplica = Launch(_otherData.Paths, "user-service-2");
        using var stranger = Signals.Stranger();
        LeaveReplicasFile(("user-service-0", leftover.Pid), ("user-service-1", stranger.Id), ("user-service-2", anotherHostsReplica.Pid), ("user-service-3", Environment.ProcessId));

        var killed = new StaleProcessCleaner(_data.Paths, NullLogger<StaleProcessCleaner>.Instance).Clean();

        Assert.Equal(1, killed);
        await Eventually.HoldsAsync(() => leftover.HasExited, "the leftover replica is gone");
        Assert.True(Signals.IsAlive(stranger.Id));
        Assert.True(Signals.IsAlive(anotherHostsReplica.Pid));
        stranger.Kill();
        await anotherHostsReplica.StopAsync(Eventually.Deadline);
    }

    [Fact]
    public void A_pid_file_left_by_a_dead_host_or_naming_a_stranger_does_not_block_a_start()
    {
        using var stranger = Signals.Stranger();
        File.WriteAllText(_data.Paths.HostPidFile, stranger.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var pidFile = new HostPidFile(_data.Paths);

        pidFile.Claim();

        Assert.Equal(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(_data.Paths.HostPidFile));
        pidFile.Release();
        Assert.False(File.Exists(_data.Paths.HostPidFile));
        Assert.False(ProcessInspector.IsBazaarHost(stranger.Id));
        Assert.False(ProcessInspector.IsBazaarHost(Environment.ProcessId));
        stranger.Kill();
    }

    [Fact]
    public void Two_hosts_cannot_claim_one_data_folder_however_close_together_they_start()
    {
        using var first = new HostPidFile(_data.Paths);
        using var second = new HostPidFile(_data.Paths);

        first.Claim();
        var refused = Assert.Throws<HostStartupException>(second.Claim);
        Assert.Contains("already running", refused.Message);

        first.Release();
        second.Claim(); // free again once the first has gone
        second.Release();
    }
}
