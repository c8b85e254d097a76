using Bazaar.Messaging.Transport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Messaging.Tests;

/// <summary>The embedded SQLite log passes the conformance suite; each test gets its own file.</summary>
public sealed class SqliteTransportConformance : TransportConformance, IDisposable
{
    private readonly TestDatabase _folder = new();
    private readonly FakeTimeProvider _time = new();

    protected override IEventTransport Open() =>
        new SqliteEventTransport(Options.Create(new SqliteTransportOptions { Path = _folder.EventsPath }), _time);

    public void Dispose() => _folder.Dispose();
}
