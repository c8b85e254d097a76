using Bazaar.Messaging.Envelope;

namespace Bazaar.Messaging.Transport;

/// <summary>An event as delivered to a consumer: its position in the stream (what to commit) and
/// its envelope.</summary>
public sealed record TransportEvent(long Position, CloudEvent Envelope);
