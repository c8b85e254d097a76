namespace Bazaar.Messaging.DeadLetters;

/// <summary>A dead letter in a list: enough to choose which to inspect or replay.</summary>
public sealed record DeadLetterSummary(long Id, string Group, string EventId, string Type, string Subject, int Attempts, DateTimeOffset DeadAt);

/// <summary>A dead letter in full: the envelope as it was received and the last error.</summary>
public sealed record DeadLetter(long Id, string Group, string EventId, string Type, string Subject, int Attempts, DateTimeOffset DeadAt, string Error, string Envelope);

/// <summary>The outcome of a replay: <c>handled</c>, <c>duplicate</c> (the group had handled it
/// meanwhile; nothing changed) or <c>failed</c> (the letter stays, with the new error).</summary>
public sealed record ReplayResult(long Id, string Outcome, string? Error);

/// <summary>The handler of one consumer group, for replaying its dead letters.</summary>
public sealed record EventSubscription(string Group, Inbox.IEventHandler Handler);
