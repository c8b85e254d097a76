using System.Diagnostics;
using System.Globalization;

namespace Bazaar.Bench.Baselines;

/// <summary>The real gateway binary (artifacts/bin/Bazaar.Gateway/&lt;config&gt;/Bazaar.Gateway.dll) as a
/// child process, given one more route by command-line configuration: <c>/{**rest}</c> to a cluster
/// whose destination is the empty endpoint. Without <c>Bazaar:EndpointsFile</c> the gateway resolves
/// destinations by plain DNS, so 127.0.0.1:port passes through.</summary>
internal static class GatewayProxy
{
    public const string Cluster = "bench-empty";

    public static async Task<(ChildProcess Process, Uri Address)> StartAsync(string gatewayDll, Uri destination, CancellationToken cancellationToken)
    {
        var port = FreePort.Next();
        var address = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            // appsettings.json is read from the content root, which is the working directory.
            WorkingDirectory = Path.GetDirectoryName(gatewayDll)!,
        };
        foreach (var argument in new[]
        {
            gatewayDll,
            "--urls", address.ToString(),
            $"--ReverseProxy:Routes:{Cluster}:ClusterId={Cluster}",
            $"--ReverseProxy:Routes:{Cluster}:Match:Path=/{{**rest}}",
            $"--ReverseProxy:Clusters:{Cluster}:Destinations:empty:Address={destination}",
            "--Bazaar:ExitWithParent=true",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = ChildProcess.Start(start);
        try
        {
            await process.WaitReadyAsync(new Uri(address, "/health/routes?clusters=" + Cluster), "the gateway", cancellationToken);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
        return (process, address);
    }

    /// <summary>The gateway built next to this tool (same configuration first), or from the working directory's artifacts.</summary>
    public static string? Find()
    {
        var here = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var config = Path.GetFileName(here);
        var candidates = new List<string>
        {
            Path.Combine(here, "..", "..", "Bazaar.Gateway", config, "Bazaar.Gateway.dll"),
            Path.Combine(here, "..", "..", "Bazaar.Gateway", "release", "Bazaar.Gateway.dll"),
            Path.Combine(here, "..", "..", "Bazaar.Gateway", "debug", "Bazaar.Gateway.dll"),
            Path.Combine("artifacts", "bin", "Bazaar.Gateway", "release", "Bazaar.Gateway.dll"),
            Path.Combine("artifacts", "bin", "Bazaar.Gateway", "debug", "Bazaar.Gateway.dll"),
        };
        foreach (var candidate in candidates)
        {
            if (File.Exists(candidate)) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
