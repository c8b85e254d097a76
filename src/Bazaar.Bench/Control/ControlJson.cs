using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bazaar.Bench.Control;

// The Host API's shapes, read from src/Bazaar.Host/Status and src/Bazaar.Host/Releases. Only the
// fields the commands show are declared.

internal sealed record DeploymentView(string Name, string Version, int Revision, int Replicas, int ReadyReplicas, RolloutView? Rollout);

/// <param name="Weight">The share of traffic (percent) the new revision gets (canary).</param>
internal sealed record RolloutView(
    string Deployment, string Strategy, string Phase, int FromRevision, string FromVersion, int ToRevision, string ToVersion, int Weight, string Message)
{
    public const string Progressing = "Progressing";
    public const string Completed = "Completed";
}

internal sealed record AutoscalerView(
    string Deployment,
    int MinReplicas,
    int MaxReplicas,
    int TargetCpuUtilizationPercent,
    string? SecondMetric,
    double? SecondMetricTarget,
    int CurrentReplicas,
    int? DesiredReplicas,
    List<DecisionView> Decisions);

internal sealed record DecisionView(string Reason, string? LimitedBy, string Message);

internal sealed record ScaleRequest(int Replicas);

internal sealed record ScaleResult(string Deployment, int Replicas);

/// <param name="Environment">Variables set on top of the current revision's (an empty value removes one).</param>
/// <param name="Strategy">RollingUpdate or Canary; null: the deployment's configured strategy.</param>
internal sealed record RolloutRequest(string? Version, Dictionary<string, string>? Environment, string? BinariesDir, string? Strategy);

/// <summary>An RFC 9457 problem detail, as every Host API error is.</summary>
internal sealed record HostProblem(string? Type, string? Title, string? Detail);

// Left-out fields stay out of the request: the Host then keeps the current revision's value.
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(List<DeploymentView>))]
[JsonSerializable(typeof(List<RolloutView>))]
[JsonSerializable(typeof(List<AutoscalerView>))]
[JsonSerializable(typeof(ScaleRequest))]
[JsonSerializable(typeof(ScaleResult))]
[JsonSerializable(typeof(RolloutRequest))]
[JsonSerializable(typeof(HostProblem))]
internal sealed partial class ControlJson : JsonSerializerContext;
