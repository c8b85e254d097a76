using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>Releases through the Host with real processes and steady traffic through the gateway:
/// a failing canary rolled back, a healthy one promoted, a rolling update, and releases that must
/// not start or must not finish.</summary>
[Collection(ReleaseShopCollection.Name)]
public sealed class ReleaseTests(ReleaseShop shop, ITestOutputHelper output)
{
    private static readonly TimeSpan RolloutDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_canary_failing_20_percent_of_requests_is_rolled_back_and_stable_serves_everything()
    {
        var ct = TestContext.Current.CancellationToken;
        var stable = await CurrentVersionAsync();
        shop.WritePolicy("""
            { "services": { "recommendation-service": {
                "fault": { "subset": "canary-bad", "abort": { "percentage": 20, "httpStatus": 500 } } } } }
            """);
        var load = await StartReadingAsync(ct);

        await StartRolloutAsync(new { version = "canary-bad" }, ct);
        var rollout = await EndedAsync(ct);
        await load.StopAsync();

        Assert.Equal("RolledBack", rollout.GetProperty("phase").GetString());
        Assert.Equal(0, rollout.GetProperty("weight").GetInt32());
        var breach = rollout.GetProperty("analyses").EnumerateArray().Last();
        Assert.Equal("Breach", breach.GetProperty("outcome").GetString());
        Assert.True(breach.GetProperty("canary").GetProperty("errorRate").GetDouble() > 0.05, breach.ToString());
        Assert.Contains("canary-bad failed", rollout.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.All(shop.DeploymentReplicas(), replica => Assert.Equal(stable, replica.Version));
        Assert.Equal(2, shop.DeploymentReplicas().Count(replica => replica.State == "Ready"));
        Assert.DoesNotContain("recommendation-service", File.ReadAllText(Path.Combine(shop.DataDirectory, "run", "traffic-splits.json")), StringComparison.Ordinal);

        // Everything is served by the stable version again: not one error in a few hundred reads.
        var after = await StartReadingAsync(ct);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var outcomes = await after.StopAsync();
        Assert.True(outcomes.Count > 50, $"only {outcomes.Count} reads");
        Assert.All(outcomes, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_healthy_canary_is_promoted_step_by_step_to_all_traffic_without_a_failed_request()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("{}");
        var load = await StartReadingAsync(ct);

        await StartRolloutAsync(new { version = "canary-good" }, ct);
        var rollout = await EndedAsync(ct);
        var outcomes = await load.StopAsync();

        Assert.Equal("Completed", rollout.GetProperty("phase").GetString());
        Assert.Equal(100, rollout.GetProperty("weight").GetInt32());
        Assert.Equal([20, 50], rollout.GetProperty("analyses").EnumerateArray()
            .Where(a => a.GetProperty("outcome").GetString() == "Pass").Select(a => a.GetProperty("weight").GetInt32()).Distinct());
        Assert.Equal("canary-good", await CurrentVersionAsync());
        Assert.Equal(2, shop.DeploymentReplicas().Count(replica => replica is { Version: "canary-good", State: "Ready" }));
        output.WriteLine($"reads during the release: {SteadyLoad.Describe(outcomes)}");
        Assert.All(outcomes, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_rolling_update_under_steady_load_completes_without_a_failed_request()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("{}");
        var before = await CurrentRevisionAsync();
        var load = await StartReadingAsync(ct);

        await StartRolloutAsync(new { version = "rolled", strategy = "RollingUpdate" }, ct);
        var rollout = await EndedAsync(ct);
        var outcomes = await load.StopAsync();

        Assert.Equal("Completed", rollout.GetProperty("phase").GetString());
        Assert.True(await CurrentRevisionAsync() > before);
        Assert.Equal(2, shop.DeploymentReplicas().Count(replica => replica is { Version: "rolled", State: "Ready" }));
        Assert.Equal(2, shop.DeploymentReplicas().Count);
        output.WriteLine($"reads during the update: {SteadyLoad.Describe(outcomes)}");
        Assert.True(outcomes.Count > 100, $"only {outcomes.Count} reads");
        Assert.All(outcomes, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task A_release_that_never_becomes_ready_is_rolled_back_and_the_running_version_keeps_serving()
    {
        var ct = TestContext.Current.CancellationToken;
        shop.WritePolicy("{}");
        var running = await CurrentVersionAsync();

        // A shutdown timeout of ten minutes fails the service's own settings check: it exits at start, every time.
        await StartRolloutAsync(new { version = "broken", environment = new Dictionary<string, string> { ["Bazaar__Shutdown__Timeout"] = "00:10:00" } }, ct);
        var rollout = await EndedAsync(ct);

        Assert.Equal("RolledBack", rollout.GetProperty("phase").GetString());
        Assert.Contains("made no progress towards ready", rollout.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(running, await CurrentVersionAsync());
        Assert.All(shop.DeploymentReplicas(), replica => Assert.Equal(running, replica.Version));
        var product = await SkuAsync(ct);
        Assert.Equal(HttpStatusCode.OK, (await shop.Client.GetAsync($"/api/recommendations/products/{product}?unknown=popular", ct)).StatusCode);
    }

    [Theory]
    [InlineData("no-such-service", """{ "version": "v9" }""", HttpStatusCode.NotFound, "unknown-deployment")]
    [InlineData("recommendation-service", """{ "version": "Not A Label" }""", HttpStatusCode.BadRequest, "invalid-rollout")]
    [InlineData("recommendation-service", """{ "binariesDir": "/nonexistent/bazaar-build" }""", HttpStatusCode.BadRequest, "invalid-rollout")]
    [InlineData("recommendation-service", """{ "binariesDir": "" }""", HttpStatusCode.BadRequest, "invalid-rollout")]
    [InlineData("recommendation-service", """{ "strategy": 7 }""", HttpStatusCode.BadRequest, "invalid-rollout")]
    [InlineData("gateway", """{ "version": "v9" }""", HttpStatusCode.BadRequest, "invalid-rollout")]
    public async Task A_release_that_cannot_be_made_is_refused_and_changes_nothing(string deployment, string body, HttpStatusCode status, string type)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await CurrentRevisionAsync();
        using var http = shop.HostClient();

        using var response = await http.PostAsync($"/deployments/{deployment}/rollout", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(type, (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("type").GetString());
        Assert.Equal(before, await CurrentRevisionAsync());
    }

    [Theory]
    [InlineData("{ \"version\": ")]
    [InlineData("null")]
    [InlineData("[]")]
    public async Task A_malformed_rollout_request_is_a_400_and_changes_nothing(string body)
    {
        var ct = TestContext.Current.CancellationToken;
        var before = await CurrentRevisionAsync();
        using var http = shop.HostClient();

        using var response = await http.PostAsync($"/deployments/{ReleaseShop.Deployment}/rollout", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await CurrentRevisionAsync());
    }

    [Fact]
    public async Task Promoting_or_aborting_with_no_rollout_under_way_is_a_conflict()
    {
        var ct = TestContext.Current.CancellationToken;
        using var http = shop.HostClient();

        using var promote = await http.PostAsync($"/deployments/{ReleaseShop.Deployment}/rollout/promote", null, ct);
        using var abort = await http.PostAsync($"/deployments/{ReleaseShop.Deployment}/rollout/abort", null, ct);

        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, abort.StatusCode);
    }

    private async Task StartRolloutAsync(object request, CancellationToken ct)
    {
        using var http = shop.HostClient();
        using var response = await http.PostAsJsonAsync($"/deployments/{ReleaseShop.Deployment}/rollout", request, ct);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
    }

    /// <summary>Waits until the rollout is over and answers it.</summary>
    private async Task<JsonElement> EndedAsync(CancellationToken ct)
    {
        var rollout = await Eventually.HoldsAsync(() => shop.RolloutAsync(ct), r => r.GetProperty("phase").GetString() != "Progressing",
            "the rollout ends", ct, RolloutDeadline);
        output.WriteLine(rollout.ToString());
        return rollout;
    }

    /// <summary>Two callers reading recommendations through the gateway until stopped.</summary>
    private async Task<SteadyLoad> StartReadingAsync(CancellationToken ct)
    {
        var sku = await SkuAsync(ct);
        return SteadyLoad.Start(2, TimeSpan.FromMilliseconds(10),
            token => shop.Client.GetAsync($"/api/recommendations/products/{sku}?unknown=popular", token), ct);
    }

    private async Task<string> SkuAsync(CancellationToken ct)
    {
        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=1", ct);
        return page.GetProperty("items")[0].GetProperty("sku").GetString()!;
    }

    /// <summary>The deployment as the Host's API shows it.</summary>
    private async Task<JsonElement> DeploymentAsync()
    {
        using var http = shop.HostClient();
        var deployments = await http.GetFromJsonAsync<JsonElement>("/deployments", TestContext.Current.CancellationToken);
        return deployments.EnumerateArray().Single(d => d.GetProperty("name").GetString() == ReleaseShop.Deployment);
    }

    private async Task<string> CurrentVersionAsync() => (await DeploymentAsync()).GetProperty("version").GetString()!;

    private async Task<int> CurrentRevisionAsync() => (await DeploymentAsync()).GetProperty("revision").GetInt32();
}
