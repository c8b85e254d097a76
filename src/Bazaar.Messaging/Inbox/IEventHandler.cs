using System.Data.Common;
using Bazaar.Messaging.Envelope;

namespace Bazaar.Messaging.Inbox;

/// <summary>Handles the events of one consumer group. It writes through the connection and
/// transaction it is given (the service's database), which also hold the inbox row: its writes
/// and the record that the event was handled commit together or not at all.</summary>
/// <remarks>
/// <para>The handler runs inside that transaction, and on SQLite an open write transaction holds
/// the service database's write lock: every other writer of the service (its HTTP endpoints, its
/// outbox relay, its other consumers) waits until the handler returns. So a handler must do
/// only local database work through the given <c>connection</c> and <c>transaction</c>, and
/// return quickly:</para>
/// <list type="bullet">
/// <item>no HTTP or other remote calls, no waiting on locks, timers, queues or other services;</item>
/// <item>no second connection to the service database (it would wait on the lock this one holds);</item>
/// <item>nothing that cannot be rolled back: a throw, a crash or a duplicate delivery undoes or
/// skips the handler's writes, never an outside effect.</item>
/// </list>
/// <para>Work that needs another service belongs in the handler's writes (a row a background
/// worker then acts on, or an outbox event), not in the handler itself.</para>
/// <para>Events of types the handler does not know are ignored by returning normally (the inbox
/// still records them).</para>
/// </remarks>
public interface IEventHandler
{
    /// <summary>Handles one event using only <paramref name="connection"/> and
    /// <paramref name="transaction"/> (local database work, no remote calls, no waits). Throwing
    /// rolls back its writes; the event is tried again in a later round, then dead-lettered.</summary>
    Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
}
