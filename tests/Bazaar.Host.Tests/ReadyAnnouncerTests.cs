using Bazaar.Host.Lifecycle;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class ReadyAnnouncerTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();
    private readonly ListLogger<ReadyAnnouncer> _console = new();
    private readonly ReadyAnnouncer _announcer;

    private int _routesAsked;
    private int _routesFailFirst;

    public ReadyAnnouncerTests() =>
        _announcer = new ReadyAnnouncer(["gateway", "user-service"], _data.Paths, () => "http://127.0.0.1:4000", GatewayRoutesAsync, _console);

    /// <summary>The gateway's /health/routes: unable to route for the first <see cref="_routesFailFirst"/> asks.</summary>
    private Task<bool> GatewayRoutesAsync(string gatewayUrl, IReadOnlyList<string> services, CancellationToken cancellationToken)
    {
        Assert.Equal("http://127.0.0.1:8080", gatewayUrl);
        Assert.Equal(["user-service"], services); // the services this Host runs, not the gateway itself
        return Task.FromResult(Interlocked.Increment(ref _routesAsked) > _routesFailFirst);
    }

    public void Dispose() => _data.Dispose();

    private static ReplicaStatus Replica(string service, int ordinal, ReplicaState state, int port) =>
        new(service, $"{service}-{ordinal}", 1, $"http://127.0.0.1:{port}", state, 0, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task Announces_the_gateway_once_every_service_has_a_ready_replica()
    {
        _announcer.OnChanged([Replica("gateway", 0, ReplicaState.Ready, 8080), Replica("user-service", 0, ReplicaState.Starting, 5000)]);
        Assert.Empty(_console.Messages);

        _announcer.OnChanged([Replica("gateway", 0, ReplicaState.Ready, 8080), Replica("user-service", 0, ReplicaState.NotReady, 5000), Replica("user-service", 1, ReplicaState.Ready, 5001)]);
        _announcer.OnChanged([Replica("gateway", 0, ReplicaState.Ready, 8080), Replica("user-service", 0, ReplicaState.Ready, 5000)]);
        await _announcer.Announced;

        var line = Assert.Single(_console.Messages);
        Assert.Equal(
            $"Bazaar is ready: gateway http://127.0.0.1:8080  (data in {_data.Path}, logs in {_data.Paths.Logs}, host API http://127.0.0.1:4000)",
            line);
    }

    [Fact]
    public async Task Waits_until_the_gateway_can_route_to_every_service()
    {
        _routesFailFirst = 3;

        _announcer.OnChanged([Replica("gateway", 0, ReplicaState.Ready, 8080), Replica("user-service", 0, ReplicaState.Ready, 5000)]);
        _announcer.OnChanged([Replica("gateway", 0, ReplicaState.Ready, 8080), Replica("user-service", 0, ReplicaState.Ready, 5000)]);
        await _announcer.Announced;

        Assert.Equal(4, _routesAsked);
        Assert.StartsWith("Bazaar is ready: gateway http://127.0.0.1:8080", Assert.Single(_console.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_gateway_says_so()
    {
        var announcer = new ReadyAnnouncer(["user-service"], _data.Paths, () => "http://127.0.0.1:4000", GatewayRoutesAsync, _console);

        announcer.OnChanged([Replica("user-service", 0, ReplicaState.Ready, 5000)]);
        await announcer.Announced;

        Assert.StartsWith("Bazaar is ready: no gateway replica is configured  (", Assert.Single(_console.Messages), StringComparison.Ordinal);
    }
}

public sealed class StartupFailureTests
{
    [Fact]
    public void Operator_errors_become_one_line_and_bugs_keep_their_stack_trace()
    {
        Assert.Equal("a line", StartupFailure.Describe(new HostStartupException("a line")));
        Assert.Equal("a line", StartupFailure.Describe(new AggregateException(new HostStartupException("a line"))));
        Assert.Equal(
            "Failed to convert configuration value 'x' at 'Bazaar:Gateway:Port' to type 'System.Int32'.",
            StartupFailure.Describe(new InvalidOperationException("Failed to convert configuration value 'x' at 'Bazaar:Gateway:Port' to type 'System.Int32'.", new FormatException())));
        Assert.Null(StartupFailure.Describe(new InvalidOperationException("a bug")));
        Assert.Null(StartupFailure.Describe(new NullReferenceException()));
    }
}
