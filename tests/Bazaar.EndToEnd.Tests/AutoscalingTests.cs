using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>The Host's autoscaler with real processes: CPU-heavy load (password hashing at
/// login) raises user-service to its maximum; when the load stops it returns to its minimum
/// after the stabilisation window, and no request fails while replicas are taken away.</summary>
[Collection(ScalingShopCollection.Name)]
public sealed class AutoscalingTests(ScalingShop shop, ITestOutputHelper output)
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task Cpu_heavy_load_scales_up_to_max_and_back_to_min_without_a_failed_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        var registered = await shop.Client.PostAsJsonAsync("/api/users/register", new { email, password = Password, name = "Scaler" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var shopper = await Shopper.LogInAsync(shop.Client, email, Password, ct);

        // Logging in hashes the password: four callers keep both cores busy.
        using (var load = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var logins = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (!load.IsCancellationRequested)
                {
                    try
                    {
                        using var response = await shop.Client.PostAsJsonAsync("/api/users/login", new { email, password = Password }, load.Token);
                    }
                    catch (OperationCanceledException) when (load.IsCancellationRequested)
                    {
                    }
                }
            }, ct)).ToList();
            await Eventually.HoldsAsync(() => shop.ReadyReplicasAsync(ct), ready => ready == ScalingShop.MaxReplicas,
                "user-service is scaled to its maximum", ct, TimeSpan.FromSeconds(60));
            await load.CancelAsync();
            await Task.WhenAll(logins);
        }

        var scaleUp = (await shop.DecisionsAsync(ct)).Last(d => d.GetProperty("desiredReplicas").GetInt32() > d.GetProperty("currentReplicas").GetInt32());
        output.WriteLine($"scale-up: {scaleUp}");
        var cpu = scaleUp.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "cpu");
        Assert.True(cpu.GetProperty("current").GetDouble() > 50, $"scaled up at {cpu.GetProperty("current")}% CPU, not above the 50% target");

        // Light reads while the autoscaler takes replicas away: every one must succeed.
        var reads = SteadyLoad.Start(2, TimeSpan.FromMilliseconds(50), token => shopper.SendAsync(HttpMethod.Get, "/api/users/me", ct: token), ct);
        try
        {
            await Eventually.HoldsAsync(() => shop.ReadyReplicasAsync(ct), ready => ready == 1,
                "user-service is back at its minimum", ct, TimeSpan.FromSeconds(90));
        }
        finally
        {
            output.WriteLine($"last decisions: {string.Join("\n", (await shop.DecisionsAsync(ct)).Take(5))}");
        }
        var outcomes = await reads.StopAsync();

        output.WriteLine($"reads during scale-down: {SteadyLoad.Describe(outcomes)}");
        Assert.True(outcomes.Count > 50, $"only {outcomes.Count} reads were made during scale-down");
        Assert.All(outcomes, status => Assert.Equal(HttpStatusCode.OK, status));
        var scaleDown = (await shop.DecisionsAsync(ct)).First(d => d.GetProperty("desiredReplicas").GetInt32() < d.GetProperty("currentReplicas").GetInt32());
        Assert.Equal(1, scaleDown.GetProperty("desiredReplicas").GetInt32());
    }

    [Fact]
    public async Task Scaling_an_unknown_deployment_or_to_an_absurd_count_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = shop.HostClient();

        var unknown = await http.PostAsJsonAsync("/deployments/no-such-service/scale", new { replicas = 2 }, ct);
        var absurd = await http.PostAsJsonAsync($"/deployments/{ScalingShop.Deployment}/scale", new { replicas = 1000 }, ct);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("unknown-deployment", (await unknown.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, absurd.StatusCode);
        Assert.Equal("invalid-replicas", (await absurd.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("type").GetString());
    }
}
