using Bazaar.Host.Processes;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class PortAllocatorTests
{
    [Fact]
    public void Hands_out_distinct_free_ports()
    {
        var ports = new PortAllocator();

        var allocated = Enumerable.Range(0, 20).Select(_ => ports.Allocate()).ToList();

        Assert.Equal(allocated.Count, allocated.Distinct().Count());
        Assert.All(allocated, port => Assert.True(PortAllocator.IsFree(port)));
    }

    [Fact]
    public void A_port_someone_listens_on_is_not_free()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();

        Assert.False(PortAllocator.IsFree(((System.Net.IPEndPoint)listener.LocalEndpoint).Port));
    }

    [Fact]
    public void A_reserved_port_is_never_handed_out()
    {
        var ports = new PortAllocator();
        var first = ports.Allocate();
        ports.Release(first);
        ports.Reserve(first);

        Assert.DoesNotContain(first, Enumerable.Range(0, 50).Select(_ => ports.Allocate()));
    }
}
