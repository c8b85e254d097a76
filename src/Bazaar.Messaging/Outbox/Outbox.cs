using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Dapper;

namespace Bazaar.Messaging.Outbox;

/// <summary>Writes events into the outbox inside the caller's transaction, so an event exists
/// exactly when the state change that caused it was committed.</summary>
public static class Outbox
{
    /// <summary>Adds <paramref name="envelope"/> for <paramref name="stream"/>; the relay publishes it
    /// after <paramref name="transaction"/> commits, and never if it rolls back.</summary>
    public static Task AddAsync(DbConnection connection, DbTransaction transaction, string stream, CloudEvent envelope, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentException.ThrowIfNullOrWhiteSpace(stream);
        ArgumentNullException.ThrowIfNull(envelope);
        var now = envelope.Time.ToUnixTimeMilliseconds();
        return connection.ExecuteAsync(
            """
            INSERT INTO outbox (id, stream, subject, envelope, created_at, attempts, next_attempt_at)
            VALUES (@id, @stream, @subject, @envelope, @now, 0, @now)
            """,
            new { id = envelope.Id, stream, subject = envelope.Subject, envelope = envelope.ToJson(), now, cancellationToken },
            transaction);
    }
}
