using System.Diagnostics;
using Bazaar.Messaging.Envelope;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Messaging.Inbox;

/// <summary>Effectively-once handling: the inbox row and the handler's writes share one local
/// transaction, so a redelivered event finds its row and changes nothing.</summary>
public static class Inbox
{
    private static readonly ActivitySource Source = new("Bazaar.Messaging");

    /// <summary>Handles <paramref name="envelope"/> for <paramref name="group"/> unless the group
    /// already did; answers false for a duplicate. A handler exception propagates, nothing is kept.</summary>
    public static async Task<bool> HandleAsync(Database database, string group, IEventHandler handler, CloudEvent envelope, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(time);
        // The handler's span continues the producer's trace.
        ActivityContext.TryParse(envelope.TraceParent, null, out var parent);
        using var activity = Source.StartActivity($"handle {envelope.Type}", ActivityKind.Consumer, parent);
        activity?.SetTag("messaging.consumer.group.name", group);
        activity?.SetTag("messaging.message.id", envelope.Id);

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(
            "INSERT OR IGNORE INTO inbox (consumer_group, event_id, handled_at) VALUES (@group, @id, @now)",
            new { group, id = envelope.Id, now = time.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken }, transaction);
        if (inserted == 0) return false;

        await handler.HandleAsync(envelope, connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
