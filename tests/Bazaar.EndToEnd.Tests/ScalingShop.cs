using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.EndToEnd.Tests;

/// <summary>A shop shaped for autoscaling: the gateway and an autoscaled user-service (1 to 3
/// replicas, each asking for 400m of CPU, aiming at 50%), deciding every second and scaling down
/// after a 5 s stabilisation window instead of Kubernetes' 300 s. Nothing else runs, so the CPU
/// the autoscaler sees is the load the test makes.</summary>
public sealed class ScalingShop : RunningShop
{
    public const string Deployment = "user-service";
    public const int MaxReplicas = 3;

    protected override IReadOnlyDictionary<string, string> Settings()
    {
        // No rate limits: the load is the point here.
        WritePolicy("{}");
        return new Dictionary<string, string>
        {
            ["Bazaar__TrafficPolicy"] = PolicyFile,
            ["Bazaar__Autoscaler__SyncPeriodSeconds"] = "1",
            ["Bazaar__Services__user-service__CpuRequestMillicores"] = "400",
            ["Bazaar__Services__user-service__Autoscaling__MinReplicas"] = "1",
            ["Bazaar__Services__user-service__Autoscaling__MaxReplicas"] = MaxReplicas.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Bazaar__Services__user-service__Autoscaling__TargetCpuUtilizationPercent"] = "50",
            ["Bazaar__Services__user-service__Autoscaling__Behavior__ScaleDown__StabilizationWindowSeconds"] = "5",
            ["Bazaar__Services__product-service__Replicas"] = "0",
            ["Bazaar__Services__cart-service__Replicas"] = "0",
            ["Bazaar__Services__order-service__Replicas"] = "0",
            ["Bazaar__Services__payment-service__Replicas"] = "0",
            ["Bazaar__Services__recommendation-service__Replicas"] = "0",
        };
    }

    /// <summary>How many replicas of the deployment are ready, from the Host's API.</summary>
    public async Task<int> ReadyReplicasAsync(CancellationToken ct)
    {
        using var http = HostClient();
        var replicas = await http.GetFromJsonAsync<JsonElement>("/replicas", ct);
        return replicas.EnumerateArray().Count(r => r.GetProperty("service").GetString() == Deployment && r.GetProperty("state").GetString() == "Ready");
    }

    /// <summary>The autoscaler's decisions, newest first.</summary>
    public async Task<IReadOnlyList<JsonElement>> DecisionsAsync(CancellationToken ct)
    {
        using var http = HostClient();
        var autoscalers = await http.GetFromJsonAsync<JsonElement>("/autoscalers", ct);
        var autoscaler = autoscalers.EnumerateArray().Single(a => a.GetProperty("deployment").GetString() == Deployment);
        return [.. autoscaler.GetProperty("decisions").EnumerateArray()];
    }
}
