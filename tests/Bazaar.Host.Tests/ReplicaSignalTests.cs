using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

/// <summary>How a replica the Host started answers signals: Ctrl+C in the Host's terminal reaches
/// the whole process group, and only the Host may decide the order in which replicas stop.</summary>
[Collection(ProcessesCollection.Name)]
public sealed class ReplicaSignalTests
{
    private static async Task<(Process Replica, HttpClient Client, string DataDir)> StartReplicaAsync()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var dataDir = Directory.CreateTempSubdirectory("bazaar-signals-").FullName;
        var start = Artifacts.UserService.CreateStartInfo();
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Bazaar__DataDir"] = dataDir;
        start.Environment["Bazaar__ExitWithParent"] = "true";
        var replica = Process.Start(start)!;
        replica.OutputDataReceived += (_, _) => { };
        replica.BeginOutputReadLine();

        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.ReturnsAsync(async () =>
        {
            try { return (await client.GetAsync("/health/ready")).IsSuccessStatusCode ? "ready" : null; }
            catch (HttpRequestException) { return null; }
        }, "the replica is ready");
        return (replica, client, dataDir);
    }

    [Fact]
    public async Task A_replica_ignores_SIGINT_and_stops_when_its_stdin_closes()
    {
        var (replica, client, dataDir) = await StartReplicaAsync();
        using (replica)
        using (client)
        {
            Signals.Send(replica.Id, "INT");
            // Still serving after the signal: ask twice, a moment apart.
            Assert.True((await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode);
            await Task.Delay(500, TestContext.Current.CancellationToken);
            Assert.False(replica.HasExited);
            Assert.True((await client.GetAsync("/health/ready", TestContext.Current.CancellationToken)).IsSuccessStatusCode);

            replica.StandardInput.Close();
            using var deadline = new CancellationTokenSource(Eventually.Deadline);
            await replica.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, replica.ExitCode);
        }
        Directory.Delete(dataDir, recursive: true);
    }

    [Fact]
    public async Task A_replica_stops_gracefully_on_SIGTERM()
    {
        var (replica, client, dataDir) = await StartReplicaAsync();
        using (replica)
        using (client)
        {
            Signals.Send(replica.Id, "TERM");
            using var deadline = new CancellationTokenSource(Eventually.Deadline);
            await replica.WaitForExitAsync(deadline.Token);
            Assert.Equal(0, replica.ExitCode);
        }
        Directory.Delete(dataDir, recursive: true);
    }
}
