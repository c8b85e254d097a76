namespace Bazaar.Messaging.Inbox;

/// <summary>A (stream, group) this service consumes, registered by <c>AddEventConsumer</c>, so
/// operator endpoints act only on the service's own groups.</summary>
internal sealed record ConsumedStream(string Stream, string Group);
