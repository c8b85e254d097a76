using Bazaar.Messaging.Envelope;

namespace Bazaar.Messaging.Transport;

/// <summary>A durable log of events per stream with consumer groups and committed offsets.
/// Every transport (the embedded SQLite log, later Redis Streams and Kafka) passes the same
/// conformance suite.</summary>
/// <remarks>
/// Consumption is a pull API. <see cref="FetchAsync"/> always answers the events after the
/// group's committed position (of the part of the stream this consumer holds), so anything not
/// committed is delivered again (after a crash, or simply on the next fetch);
/// <see cref="CommitAsync"/> is called only after the handlers of those events succeeded (or the
/// events were dead-lettered), and before the next fetch. Each group sees every event of the
/// stream once (at least once; the inbox makes it effectively once), and the events of one
/// subject in publish order. A transport spreads a group over its consumers by subject (the
/// SQLite log: partitions with leases); a consumer may get nothing while others hold the stream.
/// </remarks>
public interface IEventTransport
{
    /// <summary>Appends <paramref name="events"/> to <paramref name="stream"/> in order. An event whose
    /// id is already in the stream is ignored, so a relay may publish again after a crash.</summary>
    Task PublishAsync(string stream, IReadOnlyList<CloudEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Up to <paramref name="max"/> events after the committed position of
    /// <paramref name="group"/>, oldest first; empty when <paramref name="consumer"/> does not hold
    /// the group's stream right now.</summary>
    Task<IReadOnlyList<TransportEvent>> FetchAsync(string stream, string group, string consumer, int max, CancellationToken cancellationToken = default);

    /// <summary>Records that <paramref name="consumer"/> of <paramref name="group"/> is done with every
    /// event its fetches answered up to and including <paramref name="position"/>. A commit never
    /// moves a position back (only <see cref="RewindAsync"/> does).</summary>
    Task CommitAsync(string stream, string group, string consumer, long position, CancellationToken cancellationToken = default);

    /// <summary>Moves the committed position of <paramref name="group"/> on <paramref name="stream"/>
    /// back to <paramref name="position"/> in every part of the stream, so its consumers fetch the
    /// events after it again (0 replays the whole stream); a part already at or before it stays.
    /// Consumers of the group pick the new position up on their next fetch; a commit for events
    /// fetched before the rewind does not undo it. The inbox makes the second handling a no-op
    /// for events the group already handled.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    Task RewindAsync(string stream, string group, long position, CancellationToken cancellationToken = default);

    /// <summary>The position of the last event of <paramref name="stream"/>; 0 when it has none.</summary>
    Task<long> HeadAsync(string stream, CancellationToken cancellationToken = default);

    /// <summary>Whether <paramref name="group"/> has committed every event of <paramref name="stream"/> up to and including <paramref name="position"/>.</summary>
    /// <remarks>Whatever part of the stream each consumer holds: the answer is about the whole
    /// group. Events after <paramref name="position"/> do not matter, so a position at or past
    /// <see cref="HeadAsync"/> read earlier tells when a replay has caught up with that head. A
    /// group that never committed has reached only positions before the stream's first event.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="position"/> is negative.</exception>
    Task<bool> HasReachedAsync(string stream, string group, long position, CancellationToken cancellationToken = default);
}
