using System.Text.Json.Serialization;
using Bazaar.Messaging.DeadLetters;
using Bazaar.Messaging.Inbox;
using Bazaar.Messaging.Outbox;

namespace Bazaar.Messaging.Envelope;

/// <summary>The source-generated JSON contract of the envelope and the operator endpoints.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CloudEvent))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetterSummary>))]
[JsonSerializable(typeof(ReplayResult))]
[JsonSerializable(typeof(IReadOnlyList<ParkedOutboxEvent>))]
[JsonSerializable(typeof(RewindResult))]
public sealed partial class MessagingJson : JsonSerializerContext;
