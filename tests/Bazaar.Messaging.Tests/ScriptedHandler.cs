using System.Data.Common;
using Bazaar.Messaging.Envelope;
using Bazaar.Messaging.Inbox;
using Dapper;

namespace Bazaar.Messaging.Tests;

/// <summary>Fails the events it was told to, a given number of times each (after writing, so a kept
/// write would show), and records every attempt and the order of the events it handled.</summary>
public sealed class ScriptedHandler(TimeProvider time) : IEventHandler
{
    private readonly Dictionary<string, int> _failures = [];

    public List<(string EventId, DateTimeOffset At)> Attempts { get; } = [];

    public List<string> Handled { get; } = [];

    public void Fail(string eventId, int times = int.MaxValue) => _failures[eventId] = times;

    public async Task HandleAsync(CloudEvent envelope, DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
    {
        Attempts.Add((envelope.Id, time.GetUtcNow()));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO effects (event_id, note) VALUES (@id, @subject)", new { id = envelope.Id, subject = envelope.Subject }, transaction, cancellationToken: cancellationToken));
        if (_failures.TryGetValue(envelope.Id, out var left) && left > 0)
        {
            _failures[envelope.Id] = left - 1;
            throw new InvalidOperationException("scripted failure of " + envelope.Id);
        }

        Handled.Add(envelope.Id);
    }
}
