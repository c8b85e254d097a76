using Bazaar.Bench.Reports;
using Bazaar.Bench.Running;
using Bazaar.Bench.Scenarios;

namespace Bazaar.Bench.Baselines;

/// <summary><c>bazaar bench baseline</c>: the same load against an empty ASP.NET Core endpoint
/// directly, through the gateway binary, and through nginx when it is installed, so the
/// platform's numbers can be read against this machine's ceiling.</summary>
internal sealed class BaselineRun(BenchSession session, BenchSettings settings, TextWriter progress)
{
    public async Task RunAsync(List<BenchSection> sections, List<string> notes, CancellationToken cancellationToken)
    {
        await using var endpoint = await EmptyEndpoint.StartAsync(cancellationToken);
        notes.Add($"The empty endpoint runs inside the bench process at {endpoint.Address}; it shares the machine's cores with the load generator, as the proxies do.");

        sections.Add(await MeasureAsync("direct (empty endpoint)", endpoint.Address, cancellationToken));

        if (GatewayProxy.Find() is not { } gatewayDll)
        {
            await Skip(notes, "gateway skipped: artifacts/bin/Bazaar.Gateway/<config>/Bazaar.Gateway.dll not found (build src/Bazaar.Gateway first).");
        }
        else if (await StartOrSkipAsync("gateway", notes, () => GatewayProxy.StartAsync(gatewayDll, endpoint.Address, cancellationToken)) is ({ } gateway, { } address))
        {
            await using (gateway)
            {
                notes.Add($"Gateway: {gatewayDll}, route /{{**rest}} -> {endpoint.Address}.");
                sections.Add(await MeasureAsync("through the gateway", address, cancellationToken));
            }
        }

        if (NginxProxy.Find() is not { } nginx)
        {
            await Skip(notes, "nginx skipped: nginx is not on PATH (apt-get install nginx-light to include it).");
        }
        else if (await StartOrSkipAsync("nginx", notes, () => NginxProxy.StartAsync(nginx, endpoint.Address, settings.Connections, cancellationToken)) is ({ } proxy, { } address))
        {
            await using (proxy)
            {
                notes.Add($"nginx: {nginx}, reverse proxy to {endpoint.Address}.");
                sections.Add(await MeasureAsync("through nginx", address, cancellationToken));
            }
        }
    }

    /// <summary>A proxy that will not start is skipped with its reason; the other targets are still measured.</summary>
    private async Task<(ChildProcess, Uri)?> StartOrSkipAsync(string name, List<string> notes, Func<Task<(ChildProcess, Uri)>> start)
    {
        try
        {
            return await start();
        }
        catch (InvalidOperationException exception)
        {
            await Skip(notes, $"{name} skipped: {exception.Message}");
            return null;
        }
    }

    private async Task<BenchSection> MeasureAsync(string name, Uri target, CancellationToken cancellationToken)
    {
        using var http = new BenchHttp(target, settings.Connections, settings.Timeout);
        return await session.MeasureAsync(name, new EmptyScenario(http), settings, cancellationToken);
    }

    private async Task Skip(List<string> notes, string reason)
    {
        notes.Add(reason);
        await progress.WriteLineAsync(reason);
    }
}
