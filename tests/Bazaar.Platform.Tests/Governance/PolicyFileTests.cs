using System.Text;
using Bazaar.Platform.Governance.Policy;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;

namespace Bazaar.Platform.Tests.Governance;

public sealed class PolicyFileTests
{
    private static LoadResult<TrafficPolicy> Parse(string json, IReadOnlySet<string>? routes = null) =>
        PolicyLoader.Parse(Encoding.UTF8.GetBytes(json), "policy.json", routes);

    [Fact]
    public void A_file_with_istio_names_and_durations_gives_the_policy_it_says()
    {
        var result = Parse("""
            // comments are allowed
            {
              "defaults": { "timeout": "2s", "retries": { "attempts": 1, "perTryTimeout": "500ms", "retryOn": ["connect-failure"] } },
              "services": {
                "product-service": {
                  "loadBalancer": "ROUND_ROBIN",
                  "outlierDetection": { "consecutive5xxErrors": 3, "interval": "1s", "baseEjectionTime": "2s", "maxEjectionPercent": 100 },
                  "routes": [
                    { "match": { "headers": { "x-version": "v2" } }, "route": [ { "subset": "v2" } ] },
                    { "route": [ { "subset": "v1", "weight": 90 }, { "subset": "v2", "weight": 10 } ] }
                  ]
                }
              },
              "gateway": { "routes": { "orders-tracking": { "timeout": "35s" } } }
            }
            """);

        Assert.Empty(result.Problems);
        var product = result.Value!.For("product-service");
        Assert.Equal(TimeSpan.FromSeconds(2), product.Timeout);
        Assert.Equal(TimeSpan.FromMilliseconds(500), product.Retries.PerTryTimeout);
        Assert.Equal(LoadBalancer.RoundRobin, product.LoadBalancer);
        Assert.Equal(3, product.OutlierDetection.Consecutive5xxErrors);
        Assert.Equal([90, 10], product.Routes[1].Route.Select(route => route.Weight));
        Assert.Equal(LoadBalancer.LeastRequest, result.Value.For("cart-service").LoadBalancer);
        Assert.Equal(TimeSpan.FromSeconds(35), result.Value.Gateway.Routes["orders-tracking"].Timeout);
    }

    [Fact]
    public void An_empty_object_is_the_built_in_defaults()
    {
        var policy = Parse("{}").Value!.For("order-service");

        Assert.Equal(TimeSpan.FromSeconds(10), policy.Timeout);
        Assert.Equal(2, policy.Retries.Attempts);
        Assert.Equal(20, policy.RetryBudget.BudgetPercent);
        Assert.Equal(5, policy.OutlierDetection.Consecutive5xxErrors);
        Assert.Empty(policy.Routes);
    }

    [Theory]
    [InlineData("""{ "services": { "prodcut-service": {} } }""", 1, "unknown service 'prodcut-service'")]
    [InlineData("{\n  \"services\": {\n    \"product-service\": {\n      \"routes\": [ { \"route\": [\n        { \"subset\": \"v1\", \"weight\": 80 },\n        { \"subset\": \"v2\", \"weight\": 10 } ] } ]\n    }\n  }\n}", 4, "weights add up to 90, not 100")]
    [InlineData("{\n  \"defaults\": {\n    \"timeout\": \"-2s\"\n  }\n}", 3, "defaults.timeout: must be a positive duration")]
    [InlineData("{\n  \"defaults\": {\n    \"retryBudget\": { \"budgetPercent\": 150 }\n  }\n}", 3, "defaults.retryBudget.budgetPercent: must be between 0 and 100")]
    [InlineData("{\n  \"defaults\": {\n    \"timout\": \"2s\"\n  }\n}", 3, "timout")]
    [InlineData("{\n  \"defaults\": {\n    \"timeout\": \"2 seconds\"\n  }\n}", 3, "not a duration")]
    [InlineData("{\n  \"defaults\": {\n    \"loadBalancer\": \"RANDOM\"\n  }\n}", 3, "")]
    [InlineData("{\n  \"defaults\": {\n    \"retries\": { \"retryOn\": [\"5xx\"] }\n  }\n}", 3, "unknown retry condition '5xx'")]
    [InlineData("{\n  \"gateway\": { \"routes\": {\n    \"nope\": { \"timeout\": \"1s\" } } }\n}", 3, "unknown gateway route 'nope'")]
    [InlineData("{\n  \"defaults\": {\n    \"timeout\": \"2s\",,\n  }\n}", 3, "")]
    [InlineData("{\n  \"services\": {\n    \"cart-service\": null\n  }\n}", 3, "services.cart-service: must be an object")]
    [InlineData("{ \"services\": { \"cart-service\": {\n  \"routes\": [ null, { \"route\": [ { \"subset\": \"v1\" } ] } ] } } }", 2, "routes[0]: must be an object")]
    [InlineData("{ \"services\": { \"cart-service\": {\n  \"routes\": [ { \"match\": { \"headers\": { \"x\": \"1\" } }, \"route\": [ { \"subset\": \"v2\" } ] } ] } } }", 2, "the last rule must have no match")]
    [InlineData("{ \"services\": { \"cart-service\": {\n  \"routes\": [ { \"route\": [ { \"subset\": \"V 2\" } ] } ] } } }", 2, "version label")]
    public void A_broken_policy_is_refused_with_the_line_to_fix(string json, int line, string message)
    {
        var result = Parse(json, new HashSet<string> { "orders-tracking" });

        Assert.Null(result.Value);
        var problem = Assert.Single(result.Problems);
        Assert.StartsWith($"policy.json:{line}: ", problem);
        Assert.Contains(message, problem);
    }

    [Fact]
    public void A_refused_edit_leaves_the_last_good_policy_in_force_and_a_good_one_applies()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bazaar-policy-").FullName, "policy.json");
        File.WriteAllText(file, """{ "defaults": { "timeout": "3s" } }""");
        using var store = Store(file);
        var applied = 0;
        store.Changed += _ => applied++;

        File.WriteAllText(file, """{ "defaults": { "timeout": "0s" } }""");
        Assert.False(store.Reload());
        Assert.Equal(TimeSpan.FromSeconds(3), store.Current.For("cart-service").Timeout);
        Assert.Contains(store.LastRefusal, problem => problem.Contains("defaults.timeout", StringComparison.Ordinal));

        File.WriteAllText(file, """{ "defaults": { "timeout": "4s" } }""");
        Assert.True(store.Reload());
        Assert.Equal(TimeSpan.FromSeconds(4), store.Current.For("cart-service").Timeout);
        Assert.Empty(store.LastRefusal);
        Assert.True(applied > 0); // the file watcher may have applied it too
    }

    [Fact]
    public void A_broken_policy_at_start_up_stops_the_process_with_its_problems()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bazaar-policy-").FullName, "policy.json");
        File.WriteAllText(file, """{ "services": { "nobody": {} } }""");

        var failure = Assert.Throws<InvalidOperationException>(() => Store(file));

        Assert.Contains("unknown service 'nobody'", failure.Message);
    }

    [Fact]
    public async Task An_edited_file_is_picked_up_without_a_restart()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bazaar-policy-").FullName, "policy.json");
        await File.WriteAllTextAsync(file, """{ "defaults": { "timeout": "3s" } }""", TestContext.Current.CancellationToken);
        using var store = Store(file);

        await File.WriteAllTextAsync(file, """{ "defaults": { "timeout": "7s" } }""", TestContext.Current.CancellationToken);

        // The watcher's own latency is not under test: a generous bound, polled.
        for (var waited = 0; store.Current.For("cart-service").Timeout != TimeSpan.FromSeconds(7); waited += 50)
        {
            Assert.True(waited < 30_000, "the edit was never applied");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>A store of the policy file, and of the traffic splits file when given.</summary>
    internal static TrafficPolicyStore Store(string file, string? splits = null) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Bazaar:TrafficPolicy"] = file, ["Bazaar:TrafficSplits"] = splits }).Build(),
        Options.Create(new GovernanceOptions()), NullLogger<TrafficPolicyStore>.Instance, new TestMeterFactory());
}
