using Bazaar.Host.Publishing;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class EndpointsPublisherTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();
    private readonly EndpointsPublisher _publisher;

    public EndpointsPublisherTests() =>
        _publisher = new EndpointsPublisher(_data.Paths, [("product-service", "v1"), ("user-service", "v1")], NullLogger<EndpointsPublisher>.Instance);

    public void Dispose() => _data.Dispose();

    private static ReplicaStatus Replica(string service, int ordinal, ReplicaState state, int port, string version = "v1") =>
        new(service, $"{service}-{ordinal}", 1000 + ordinal, $"http://127.0.0.1:{port}", state, 0, DateTimeOffset.UnixEpoch, version);

    [Fact]
    public void Lists_only_ready_replicas_in_the_format_services_read()
    {
        _publisher.OnChanged([
            Replica("product-service", 0, ReplicaState.Ready, 5001),
            Replica("product-service", 1, ReplicaState.Starting, 5002),
            Replica("product-service", 2, ReplicaState.Ready, 5003),
            Replica("user-service", 0, ReplicaState.NotReady, 5004),
            Replica("user-service", 1, ReplicaState.Terminating, 5005),
        ]);

        var json = File.ReadAllText(_data.Paths.EndpointsFile);
        Assert.Equal(
            """{"Services":{"product-service":{"http":["http://127.0.0.1:5001","http://127.0.0.1:5003"]},"user-service":{"http":[]},"v1.product-service":{"http":["http://127.0.0.1:5001","http://127.0.0.1:5003"]},"v1.user-service":{"http":[]}}}""",
            string.Concat(json.Where(character => !char.IsWhiteSpace(character))));
    }

    [Fact]
    public void Each_version_is_also_listed_as_its_own_subset()
    {
        _publisher.OnChanged([
            Replica("product-service", 0, ReplicaState.Ready, 5001),
            Replica("product-service", 1, ReplicaState.Ready, 5002, version: "v2"),
            Replica("product-service", 2, ReplicaState.Starting, 5003, version: "v2"),
        ]);

        var configuration = new ConfigurationBuilder().AddJsonFile(_data.Paths.EndpointsFile).Build();

        Assert.Equal(["http://127.0.0.1:5001", "http://127.0.0.1:5002"],
            configuration.GetSection("Services:product-service:http").GetChildren().Select(child => child.Value));
        Assert.Equal(["http://127.0.0.1:5001"], configuration.GetSection("Services:v1.product-service:http").GetChildren().Select(child => child.Value));
        Assert.Equal(["http://127.0.0.1:5002"], configuration.GetSection("Services:v2.product-service:http").GetChildren().Select(child => child.Value));
    }

    [Fact]
    public void Service_discovery_configuration_reads_what_is_published()
    {
        _publisher.OnChanged([Replica("product-service", 0, ReplicaState.Ready, 5001), Replica("product-service", 1, ReplicaState.Ready, 5002)]);

        var configuration = new ConfigurationBuilder().AddJsonFile(_data.Paths.EndpointsFile).Build();

        Assert.Equal("http://127.0.0.1:5001", configuration["Services:product-service:http:0"]);
        Assert.Equal("http://127.0.0.1:5002", configuration["Services:product-service:http:1"]);
        Assert.Empty(configuration.GetSection("Services:user-service:http").GetChildren());
    }

    [Fact]
    public async Task A_service_watching_the_file_sees_every_change_without_a_restart()
    {
        // What Bazaar.Platform's discovery does with Bazaar:EndpointsFile.
        using var configuration = (ConfigurationRoot)new ConfigurationBuilder()
            .AddJsonFile(_data.Paths.EndpointsFile, optional: true, reloadOnChange: true)
            .Build();
        var registry = new ReplicaRegistry([_publisher]);

        registry.Set(Replica("user-service", 0, ReplicaState.Ready, 5001));
        await Eventually.HoldsAsync(() => configuration["Services:user-service:http:0"] == "http://127.0.0.1:5001", "the first replica is seen");

        registry.Set(Replica("user-service", 1, ReplicaState.Ready, 5002));
        await Eventually.HoldsAsync(() => configuration["Services:user-service:http:1"] == "http://127.0.0.1:5002", "the second replica is seen");

        registry.Set(Replica("user-service", 0, ReplicaState.NotReady, 5001));
        await Eventually.HoldsAsync(
            () => configuration["Services:user-service:http:0"] == "http://127.0.0.1:5002" && configuration["Services:user-service:http:1"] is null,
            "the unready replica is gone");
    }

    [Fact]
    public void A_change_that_leaves_the_ready_set_alone_does_not_rewrite_the_file()
    {
        _publisher.OnChanged([Replica("user-service", 0, ReplicaState.Ready, 5001)]);
        File.WriteAllText(_data.Paths.EndpointsFile, "untouched");

        _publisher.OnChanged([Replica("user-service", 0, ReplicaState.Ready, 5001), Replica("user-service", 1, ReplicaState.Starting, 5002)]);
        Assert.Equal("untouched", File.ReadAllText(_data.Paths.EndpointsFile));

        _publisher.OnChanged([Replica("user-service", 0, ReplicaState.Ready, 5001), Replica("user-service", 1, ReplicaState.Ready, 5002)]);
        Assert.Contains("http://127.0.0.1:5002", File.ReadAllText(_data.Paths.EndpointsFile), StringComparison.Ordinal);
    }

    [Fact]
    public void The_registry_publishes_every_change_of_the_ready_set()
    {
        var registry = new ReplicaRegistry([_publisher]);

        registry.Set(Replica("user-service", 0, ReplicaState.Ready, 5001));
        Assert.Equal(["http://127.0.0.1:5001"], RunFiles.Endpoints(_data.Paths.EndpointsFile, "user-service"));

        registry.Set(Replica("user-service", 0, ReplicaState.CrashLoopBackOff, 5001));
        Assert.Empty(RunFiles.Endpoints(_data.Paths.EndpointsFile, "user-service"));

        registry.Set(Replica("user-service", 0, ReplicaState.Ready, 5001));
        registry.Remove("user-service-0");
        Assert.Empty(RunFiles.Endpoints(_data.Paths.EndpointsFile, "user-service"));
    }

    [Fact]
    public void Replicas_are_listed_by_service_then_ordinal()
    {
        var registry = new ReplicaRegistry([]);
        foreach (var ordinal in new[] { 10, 2, 1 })
        {
            registry.Set(Replica("user-service", ordinal, ReplicaState.Ready, 5000 + ordinal));
        }
        registry.Set(Replica("cart-service", 0, ReplicaState.Ready, 6000));

        Assert.Equal(["cart-service-0", "user-service-1", "user-service-2", "user-service-10"], registry.Snapshot().Select(replica => replica.Replica));
    }
}
