using System.Net;
using System.Net.Http.Json;
using Bazaar.Host.Processes;
using Bazaar.Host.Supervision;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

/// <summary>A service's own environment (its Deployment's env) reaches each of its replicas.</summary>
[Collection(ProcessesCollection.Name)]
public sealed class ServiceEnvironmentTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();

    [Fact]
    public async Task A_replica_runs_with_its_services_environment()
    {
        var ct = TestContext.Current.CancellationToken;
        using var probe = new HttpProbe();
        var launcher = new ReplicaLauncher(_data.Paths, TimeProvider.System);
        using var process = launcher.Launch(new ReplicaSpec("user-service", "user-service-0", Artifacts.UserService,
            Environment: new Dictionary<string, string> { ["Users__Seed__Users"] = "3" }), new PortAllocator().Allocate());
        await Eventually.ReturnsAsync(
            async () => await probe.CheckAsync(process.Url + "/health/ready", TimeSpan.FromSeconds(1), ct) ? "ready" : null, "the replica is ready");

        using var client = new HttpClient { BaseAddress = new Uri(process.Url) };
        var third = await client.PostAsJsonAsync("/api/users/login", new { email = "demo-00003@bazaar.test", password = "demo-password" }, ct);
        var fourth = await client.PostAsJsonAsync("/api/users/login", new { email = "demo-00004@bazaar.test", password = "demo-password" }, ct);

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, fourth.StatusCode);
        process.CloseStandardInput();
    }

    public void Dispose() => _data.Dispose();
}
