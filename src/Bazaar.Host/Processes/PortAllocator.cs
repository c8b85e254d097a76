using System.Net;
using System.Net.Sockets;

namespace Bazaar.Host.Processes;

/// <summary>Hands out free loopback ports: the kernel picks one (bind to port 0), and a port held
/// by one replica is never handed to another.</summary>
internal sealed class PortAllocator
{
    private readonly Lock _lock = new();
    private readonly HashSet<int> _assigned = [];

    public int Allocate()
    {
        lock (_lock)
        {
            for (var attempt = 0; ; attempt++)
            {
                var port = PickFree();
                if (_assigned.Add(port) || attempt >= 100)
                {
                    return port;
                }
            }
        }
    }

    /// <summary>Records a fixed port (the gateway's) so that it is never handed out.</summary>
    public void Reserve(int port)
    {
        lock (_lock)
        {
            _assigned.Add(port);
        }
    }

    public void Release(int port)
    {
        lock (_lock)
        {
            _assigned.Remove(port);
        }
    }

    /// <summary>Whether a server could listen on the port now. Binds the way Kestrel does
    /// (SO_REUSEADDR on Unix), so connections of a dead replica lingering in TIME_WAIT do not
    /// count as "in use".</summary>
    public static bool IsFree(int port)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (!OperatingSystem.IsWindows())
            {
                socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            }
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int PickFree()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
