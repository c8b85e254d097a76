using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Bazaar.Messaging.Envelope;

/// <summary>A CloudEvents 1.0 envelope (JSON event format) plus the W3C <c>traceparent</c>
/// extension, so a trace follows an order across services and events.</summary>
public sealed record CloudEvent
{
    /// <summary>The only CloudEvents version this envelope speaks.</summary>
    public const string Version = "1.0";

    /// <summary>Unique per event (a UUIDv7); consumers de-duplicate on it.</summary>
    [JsonPropertyName("id")] public required string Id { get; init; }

    /// <summary>The producer, e.g. <c>/order-service</c>.</summary>
    [JsonPropertyName("source")] public required string Source { get; init; }

    /// <summary>A versioned type, e.g. <c>bazaar.orders.order-placed.v1</c>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>Always <see cref="Version"/>.</summary>
    [JsonPropertyName("specversion")] public required string SpecVersion { get; init; }

    /// <summary>When the fact happened.</summary>
    [JsonPropertyName("time")] public required DateTimeOffset Time { get; init; }

    /// <summary>The ordering key (e.g. the order id): events of one subject are handled in order.</summary>
    [JsonPropertyName("subject")] public required string Subject { get; init; }

    /// <summary>Always <c>application/json</c> here.</summary>
    [JsonPropertyName("datacontenttype")] public string DataContentType { get; init; } = "application/json";

    /// <summary>The event's payload.</summary>
    [JsonPropertyName("data")] public JsonElement Data { get; init; }

    /// <summary>The W3C trace context of the activity that raised the event, when there was one.</summary>
    [JsonPropertyName("traceparent")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TraceParent { get; init; }

    /// <summary>A new event with a UUIDv7 id, the current time and the trace context of
    /// <see cref="Activity.Current"/>.</summary>
    public static CloudEvent Create<T>(string source, string type, string subject, T data, JsonTypeInfo<T> dataType, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentNullException.ThrowIfNull(time);
        return new CloudEvent
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()).ToString(),
            Source = source,
            Type = type,
            SpecVersion = Version,
            Time = time.GetUtcNow(),
            Subject = subject,
            Data = JsonSerializer.SerializeToElement(data, dataType),
            TraceParent = Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null,
        };
    }

    /// <summary>The payload as <typeparamref name="T"/>.</summary>
    public T? DataAs<T>(JsonTypeInfo<T> dataType) => Data.Deserialize(dataType);

    /// <summary>The envelope as JSON text.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, MessagingJson.Default.CloudEvent);

    /// <summary>Reads an envelope, refusing one that lacks a required attribute or speaks another
    /// spec version (<see cref="JsonException"/>).</summary>
    public static CloudEvent Parse(string json)
    {
        var envelope = JsonSerializer.Deserialize(json, MessagingJson.Default.CloudEvent)
            ?? throw new JsonException("The envelope is null.");
        if (envelope.SpecVersion != Version) throw new JsonException($"Unsupported specversion '{envelope.SpecVersion}'.");
        if (string.IsNullOrWhiteSpace(envelope.Id) || string.IsNullOrWhiteSpace(envelope.Source)
            || string.IsNullOrWhiteSpace(envelope.Type) || string.IsNullOrWhiteSpace(envelope.Subject))
        {
            throw new JsonException("The envelope lacks a required attribute (id, source, type, subject).");
        }

        return envelope;
    }
}
