namespace Bazaar.EndToEnd.Tests;

/// <summary>A shop shaped for traffic policy: three product-service replicas, recommendation-service
/// in two versions (v1 and v2, one replica each), no checkout services, and a traffic policy file
/// of its own that the tests rewrite (every replica reloads it).</summary>
public sealed class GovernedShop : RunningShop
{
    protected override IReadOnlyDictionary<string, string> Settings()
    {
        WritePolicy("{}");
        return new Dictionary<string, string>
        {
            ["Bazaar__TrafficPolicy"] = PolicyFile,
            ["Bazaar__Services__product-service__Replicas"] = "3",
            ["Bazaar__Services__recommendation-service-v2__Project"] = "Bazaar.Recommendations",
            ["Bazaar__Services__recommendation-service-v2__Service"] = "recommendation-service",
            ["Bazaar__Services__recommendation-service-v2__Version"] = "v2",
            ["Bazaar__Services__recommendation-service-v2__Replicas"] = "1",
            ["Bazaar__Services__cart-service__Replicas"] = "0",
            ["Bazaar__Services__order-service__Replicas"] = "0",
            ["Bazaar__Services__payment-service__Replicas"] = "0",
        };
    }

    public string ReplicaUrl(string replica) =>
        Replicas().Single(r => r.GetProperty("replica").GetString() == replica).GetProperty("url").GetString()!;

    /// <summary>How many requests of a route a replica has served, from its own /metrics.</summary>
    public async Task<long> ServedAsync(string replica, string route, CancellationToken ct)
    {
        // The Prometheus exporter answers a scrape from its last one for 300 ms: wait that out so
        // this read sees every request made before it.
        await Task.Delay(TimeSpan.FromMilliseconds(400), ct);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(ReplicaUrl(replica) + "/metrics", ct);
        return PrometheusText.Sum(metrics, "http_server_request_duration_seconds_count", route);
    }
}
