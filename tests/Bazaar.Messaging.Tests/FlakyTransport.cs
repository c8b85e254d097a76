using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Transport;

namespace Bazaar.Messaging.Tests;

/// <summary>Wraps a transport and fails the next publishes or commits, or every publish of one
/// subject, on demand.</summary>
public sealed class FlakyTransport(IEventTransport inner) : IEventTransport
{
    public int FailPublishes { get; set; }

    public int FailCommits { get; set; }

    public int PublishCalls { get; private set; }

    /// <summary>Publishes of an event with this subject always fail, as if it could never be published.</summary>
    public string? PoisonSubject { get; set; }

    public Task PublishAsync(string stream, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default)
    {
        PublishCalls++;
        if (FailPublishes > 0)
        {
            FailPublishes--;
            throw new IOException("transport unreachable");
        }

        if (events.Any(e => e.Subject == PoisonSubject)) throw new InvalidOperationException("cannot publish " + PoisonSubject);
        return inner.PublishAsync(stream, events, cancellationToken);
    }

    /// <summary>When each fetch happened (a fetch renews the consumer's lease).</summary>
    public List<DateTimeOffset> FetchTimes { get; } = [];

    /// <summary>Set to record <see cref="FetchTimes"/>.</summary>
    public TimeProvider? Clock { get; set; }

    public Task<IReadOnlyList<TransportEvent>> FetchAsync(string stream, string group, string consumer, int max, CancellationToken cancellationToken = default)
    {
        if (Clock is not null) FetchTimes.Add(Clock.GetUtcNow());
        return inner.FetchAsync(stream, group, consumer, max, cancellationToken);
    }

    public Task CommitAsync(string stream, string group, string consumer, long position, CancellationToken cancellationToken = default)
    {
        if (FailCommits > 0)
        {
            FailCommits--;
            throw new IOException("transport unreachable");
        }

        return inner.CommitAsync(stream, group, consumer, position, cancellationToken);
    }

    public Task RewindAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
        inner.RewindAsync(stream, group, position, cancellationToken);

    public Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default) =>
        inner.HeadAsync(stream, cancellationToken);

    public Task<bool> HasReachedAsync(string stream, string group, long position, CancellationToken cancellationToken = default) =>
        inner.HasReachedAsync(stream, group, position, cancellationToken);
}
