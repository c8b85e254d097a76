using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;
using Dapper;

namespace Bazaar.Messaging.Tests;

/// <summary>Writes one <c>effects</c> row per handled event in the transaction it is given, then
/// fails while <see cref="Failing"/> is set (after writing, so a kept write would show).</summary>
public sealed class RecordingHandler : IEventHandler
{
    public bool Failing { get; set; }

    public int Calls { get; private set; }

    public async Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Calls++;
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (event_id, note) VALUES (@id, @subject)", new { id = envelope.Id, subject = envelope.Subject }, transaction, cancellationToken: cancellationToken));
        if (Failing) throw new InvalidOperationException("handler failed for " + envelope.Id);
    }
}
