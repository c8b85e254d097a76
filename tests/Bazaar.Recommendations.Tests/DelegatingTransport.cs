using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;

namespace Bazaar.Recommendations.Tests;

/// <summary>Passes every call to the real transport; a test transport overrides the calls it disturbs.</summary>
internal abstract class DelegatingTransport(IEventTransport real) : IEventTransport
{
    public virtual Task PublishAsync(string stream, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default) =>
        real.PublishAsync(stream, events, cancellationToken);

    public virtual Task<IReadOnlyList<TransportEvent>> FetchAsync(string stream, string group, string consumer, int max, CancellationToken cancellationToken = default) =>
        real.FetchAsync(stream, group, consumer, max, cancellationToken);

    public virtual Task CommitAsync(string stream, string group, string consumer, long position, CancellationToken cancellationToken = default) =>
        real.CommitAsync(stream, group, consumer, position, cancellationToken);

    public virtual Task RewindAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
        real.RewindAsync(stream, group, position, cancellationToken);

    public virtual Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default) =>
        real.HeadAsync(stream, cancellationToken);

    public virtual Task<bool> HasReachedAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
        real.HasReachedAsync(stream, group, position, cancellationToken);
}
