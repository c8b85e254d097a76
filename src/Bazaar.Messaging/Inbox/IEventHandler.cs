using System.Data.Common;
using Bazaar.Messaging.Envelope;

namespace Bazaar.Messaging.Inbox;

/// <summary>Handles the events of one consumer group. It writes through the connection and
/// transaction it is given (the service's database), which also hold the inbox row: its writes
/// and the record that the event was handled commit together or not at all.</summary>
public interface IEventHandler
{
    /// <summary>Handles one event. Throwing rolls back its writes; the event is retried, then
    /// dead-lettered.</summary>
    Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
