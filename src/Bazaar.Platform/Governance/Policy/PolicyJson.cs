using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bazaar.Platform.Governance.Policy;

/// <summary>The JSON contract of the policy file and of the traffic splits: camelCase, comments allowed,
/// Istio durations, enums as Istio's upper-case names, and an unknown field is an error (a typo must not
/// pass as a default).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(IstioDurationConverter), typeof(IstioEnumConverter<LoadBalancer>), typeof(IstioEnumConverter<StickyBy>)])]
[JsonSerializable(typeof(TrafficPolicy))]
[JsonSerializable(typeof(TrafficSplits))]
internal sealed partial class PolicyJson : JsonSerializerContext;

/// <summary>Enum values as Istio spells them: <c>LEAST_REQUEST</c>, <c>ROUND_ROBIN</c>.</summary>
internal sealed class IstioEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    where TEnum : struct, Enum;
