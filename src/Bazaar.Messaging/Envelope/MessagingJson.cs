using System.Text.Json.Serialization;
using Bazaar.Messaging.DeadLetters;

namespace Bazaar.Messaging.Envelope;

/// <summary>The source-generated JSON contract of the envelope and the dead-letter endpoints.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(CloudEvent))]
[JsonSerializable(typeof(DeadLetter))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetterSummary>))]
[JsonSerializable(typeof(ReplayResult))]
public sealed partial class MessagingJson : JsonSerializerContext;
