using System.Net;
using System.Net.Sockets;

namespace Bazaar.Bench.Baselines;

internal static class FreePort
{
    /// <summary>A loopback port free at this moment (the child process binds it a moment later).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
