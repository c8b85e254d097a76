using Bazaar.Host.Processes;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

/// <summary>The supervisor against the real user-service binary.</summary>
[Collection(ProcessesCollection.Name)]
public sealed class ReplicaSupervisorTests : IAsyncLifetime
{
    private readonly SupervisorHarness _harness = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _harness.DisposeAsync();

    [Fact]
    public async Task A_replica_becomes_ready_and_is_published()
    {
        _harness.StartUserService();

        var ready = await _harness.ReadyAsync("user-service-0");

        Assert.Equal([ready.Url!], _harness.PublishedUserService);
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", ready.Url);
        Assert.True(Signals.IsAlive(ready.Pid!.Value));
        var recorded = Assert.Single(RunFiles.Replicas(_harness.Paths.ReplicasFile));
        Assert.Equal(ready with { }, recorded);
        // It was told who it is and where its data lives.
        Assert.Contains("\"replica\":\"user-service-0\"", await File.ReadAllTextAsync(_harness.Paths.LogFile("user-service-0"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_harness.Paths.Data, "user-service.db")));
    }

    [Fact]
    public async Task A_killed_replica_is_restarted_and_published_again()
    {
        _harness.StartUserService();
        var first = await _harness.ReadyAsync("user-service-0");

        Signals.Send(first.Pid!.Value, "KILL");

        var second = await _harness.ReadyAsync("user-service-0", status => status.Pid != first.Pid);
        Assert.Equal(1, second.Restarts);
        Assert.False(Signals.IsAlive(first.Pid.Value));
        await Eventually.HoldsAsync(() => _harness.PublishedUserService.SequenceEqual([second.Url!]), "the restarted replica is published");
    }

    [Fact]
    public async Task A_frozen_replica_is_unpublished_then_killed_by_liveness_and_restarted()
    {
        _harness.StartUserService();
        var first = await _harness.ReadyAsync("user-service-0");

        Signals.Send(first.Pid!.Value, "STOP");

        await Eventually.HoldsAsync(() => _harness.PublishedUserService.Count == 0, "the frozen replica is unpublished");
        var second = await _harness.ReadyAsync("user-service-0", status => status.Pid != first.Pid);
        Assert.Equal(1, second.Restarts);
        Assert.False(Signals.IsAlive(first.Pid.Value));
        await Eventually.HoldsAsync(() => _harness.PublishedUserService.SequenceEqual([second.Url!]), "the restarted replica is published");
    }

    [Fact]
    public async Task Stopping_unpublishes_and_the_replica_exits_by_itself()
    {
        var supervisor = _harness.StartUserService();
        var ready = await _harness.ReadyAsync("user-service-0");

        await supervisor.StopAsync(TimeSpan.FromSeconds(60));

        Assert.False(Signals.IsAlive(ready.Pid!.Value));
        Assert.Empty(_harness.PublishedUserService);
        Assert.Equal(ReplicaState.Terminated, _harness.Status("user-service-0")!.State);
        var log = await File.ReadAllTextAsync(_harness.Paths.LogFile("user-service-0"), TestContext.Current.CancellationToken);
        Assert.Contains("shutting down", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_set_grows_and_shrinks_at_run_time()
    {
        var replicaSet = _harness.UserServiceReplicaSet();

        await replicaSet.ScaleAsync(2, TestContext.Current.CancellationToken);
        var first = await _harness.ReadyAsync("user-service-0");
        var second = await _harness.ReadyAsync("user-service-1");
        await Eventually.HoldsAsync(() => _harness.PublishedUserService.Count == 2, "both replicas are published");

        await replicaSet.ScaleAsync(1, TestContext.Current.CancellationToken);

        Assert.Equal(1, replicaSet.Replicas);
        Assert.Equal([first.Url!], _harness.PublishedUserService);
        Assert.False(Signals.IsAlive(second.Pid!.Value));
        Assert.True(Signals.IsAlive(first.Pid!.Value));
        Assert.Equal(["user-service-0"], RunFiles.Replicas(_harness.Paths.ReplicasFile).Select(replica => replica.Replica));
    }

    [Fact]
    public async Task Closing_standard_input_stops_a_replica_as_a_dying_host_would()
    {
        using var probe = new HttpProbe();
        var launcher = new ReplicaLauncher(_harness.Paths, TimeProvider.System);
        using var process = launcher.Launch(new ReplicaSpec("user-service", "user-service-7", Artifacts.UserService), new PortAllocator().Allocate());
        await Eventually.ReturnsAsync(
            async () => await probe.CheckAsync(process.Url + "/health/live", TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken) ? "live" : null,
            "the replica answers");

        process.CloseStandardInput();

        using var deadline = new CancellationTokenSource(Eventually.Deadline);
        await process.WaitForExitAsync(deadline.Token);
        Assert.Equal(0, process.ExitCode);
    }
}
