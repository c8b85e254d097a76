using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;

namespace Bazaar.Messaging.Tests;

/// <summary>Wraps a transport and fails the next publishes or commits on demand.</summary>
public sealed class FlakyTransport(IEventTransport inner) : IEventTransport
{
    public int FailPublishes { get; set; }

    public int FailCommits { get; set; }

    public int PublishCalls { get; private set; }

    public Task PublishAsync(string stream, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        PublishCalls++;
        if (FailPublishes > 0)
        {
            FailPublishes--;
            throw new IOException("transport unreachable");
        }

        return inner.PublishAsync(stream, events, cancellationToken);
    }

    public Task<IReadOnlyList<TransportEvent>> FetchAsync(string stream, string group, string consumer, int max, CancellationToken cancellationToken = default) =>
        inner.FetchAsync(stream, group, consumer, max, cancellationToken);

    public Task CommitAsync(string stream, string group, string consumer, long position, CancellationToken cancellationToken = default)
    {
        if (FailCommits > 0)
        {
            FailCommits--;
            throw new IOException("transport unreachable");
        }

        return inner.CommitAsync(stream, group, consumer, position, cancellationToken);
    }
}
