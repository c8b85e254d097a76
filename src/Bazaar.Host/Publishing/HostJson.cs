using System.Text.Json;
using System.Text.Json.Serialization;
using Bazaar.Host.Supervision;

namespace Bazaar.Host.Publishing;

/// <summary>Every type the Host reads or writes as JSON (run files and the status API).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, UseStringEnumConverter = true)]
[JsonSerializable(typeof(EndpointsDocument))]
[JsonSerializable(typeof(IReadOnlyList<ReplicaStatus>))]
[JsonSerializable(typeof(List<ReplicaStatus>))]
[JsonSerializable(typeof(IReadOnlyList<Status.AutoscalerView>))]
[JsonSerializable(typeof(Status.ScaleRequest))]
[JsonSerializable(typeof(Status.ScaleResult))]
[JsonSerializable(typeof(Releases.TrafficSplitsDocument))]
[JsonSerializable(typeof(Releases.RolloutRequest))]
[JsonSerializable(typeof(Releases.RolloutView))]
[JsonSerializable(typeof(IReadOnlyList<Releases.RolloutView>))]
[JsonSerializable(typeof(IReadOnlyList<Releases.DeploymentView>))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Http.HttpValidationProblemDetails))]
internal sealed partial class HostJson : JsonSerializerContext;
