using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.EndToEnd.Tests;

/// <summary>A shop shaped for releases: recommendation-service in two replicas with a canary
/// strategy of short steps (20%, 50%, 100%, each judged over 3 s of traffic after 2 s of warm-up) and a progress
/// deadline of 15 s, a traffic policy file the tests rewrite, and no checkout services.</summary>
public sealed class ReleaseShop : RunningShop
{
    public const string Deployment = "recommendation-service";

    protected override IReadOnlyDictionary<string, string> Settings()
    {
        WritePolicy("{}");
        return new Dictionary<string, string>
        {
            ["Bazaar__TrafficPolicy"] = PolicyFile,
            ["Bazaar__Services__recommendation-service__Replicas"] = "2",
            ["Bazaar__Services__recommendation-service__Strategy__Type"] = "Canary",
            ["Bazaar__Services__recommendation-service__Strategy__Steps__0"] = "20",
            ["Bazaar__Services__recommendation-service__Strategy__Steps__1"] = "50",
            ["Bazaar__Services__recommendation-service__Strategy__Steps__2"] = "100",
            ["Bazaar__Services__recommendation-service__Strategy__Analysis__IntervalSeconds"] = "3",
            ["Bazaar__Services__recommendation-service__Strategy__Analysis__InitialDelaySeconds"] = "2",
            // Two cores running a debug build: a fresh process's slowest answers are noise, not a
            // regression. These tests judge errors; CanaryJudgeTests judge latency.
            ["Bazaar__Services__recommendation-service__Strategy__Analysis__LatencyFloorMilliseconds"] = "1000",
            ["Bazaar__Services__recommendation-service__Strategy__ProgressDeadlineSeconds"] = "15",
            ["Bazaar__Services__cart-service__Replicas"] = "0",
            ["Bazaar__Services__order-service__Replicas"] = "0",
            ["Bazaar__Services__payment-service__Replicas"] = "0",
        };
    }

    /// <summary>The latest rollout of the deployment, from the Host's API.</summary>
    public async Task<JsonElement> RolloutAsync(CancellationToken ct)
    {
        using var http = HostClient();
        var rollouts = await http.GetFromJsonAsync<JsonElement>("/rollouts", ct);
        return rollouts.EnumerateArray().Single(r => r.GetProperty("deployment").GetString() == Deployment);
    }

    /// <summary>The deployment's replicas as run/replicas.json lists them: (replica, version, state).</summary>
    public IReadOnlyList<(string Replica, string Version, string State)> DeploymentReplicas() =>
        [.. Replicas()
            .Where(r => r.GetProperty("service").GetString() == Deployment)
            .Select(r => (r.GetProperty("replica").GetString()!, r.GetProperty("version").GetString()!, r.GetProperty("state").GetString()!))];
}
