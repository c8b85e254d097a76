using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Publishing;

/// <summary>Every type the Host reads or writes as JSON (run files and the status API).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EndpointsDocument))]
[JsonSerializable(typeof(IReadOnlyList<ReplicaStatus>))]
[JsonSerializable(typeof(List<ReplicaStatus>))]
internal sealed partial class HostJson : JsonSerializerContext;
