using System.Net;
using System.Text;
using System.Text.Json;
using Bazaar.Platform.Governance.Policy;
using Xunit;

namespace Bazaar.Platform.Tests.Governance;

/// <summary>The Host's traffic splits (<c>Bazaar:TrafficSplits</c>) over the operator's policy file.</summary>
public sealed class TrafficSplitsTests
{
    // Testers reach v2 by header; everyone else by weight. cart-service has routes the splits never name.
    private const string Policy = """
        {
          "services": {
            "recommendation-service": {
              "timeout": "3s",
              "routes": [
                { "match": { "headers": { "x-version": "v2" } }, "route": [ { "subset": "v2" } ] },
                { "route": [ { "subset": "v1" } ] }
              ]
            },
            "cart-service": { "routes": [ { "route": [ { "subset": "v1", "weight": 50 }, { "subset": "v3", "weight": 50 } ] } ] }
          }
        }
        """;

    private const string Canary10 = """{ "services": { "recommendation-service": [ { "subset": "v1", "weight": 90 }, { "subset": "v2", "weight": 10 } ] } }""";

    private const string Canary50 = """{ "services": { "recommendation-service": [ { "subset": "v1", "weight": 50 }, { "subset": "v2", "weight": 50 } ] } }""";

    private readonly string _directory = Directory.CreateTempSubdirectory("bazaar-splits-").FullName;

    private string PolicyFile => Path.Combine(_directory, "policy.json");

    private string SplitsFile => Path.Combine(_directory, "splits.json");

    [Fact]
    public void A_split_replaces_the_weights_of_the_final_rule_and_keeps_the_header_rules()
    {
        using var store = Store(Policy, Canary10);

        var routes = store.Current.For("recommendation-service").Routes;
        Assert.Equal(2, routes.Count);
        Assert.Equal("v2", routes[0].Match!.Headers["x-version"]);
        Assert.Equal(["v2"], routes[0].Route.Select(route => route.Subset));
        Assert.Null(routes[1].Match);
        Assert.Equal([("v1", 90), ("v2", 10)], routes[1].Route.Select(route => (route.Subset, route.Weight)));
        Assert.Equal(TimeSpan.FromSeconds(3), store.Current.For("recommendation-service").Timeout);
        Assert.Empty(store.LastRefusal);
    }

    [Fact]
    public void Services_the_splits_do_not_name_stay_as_the_policy_file_says()
    {
        using var store = Store(Policy, Canary10);

        var cart = Assert.Single(store.Current.For("cart-service").Routes);
        Assert.Equal([("v1", 50), ("v3", 50)], cart.Route.Select(route => (route.Subset, route.Weight)));
        Assert.Empty(store.Current.For("product-service").Routes);
    }

    [Fact]
    public void A_split_for_a_service_without_routes_in_the_policy_becomes_its_only_rule()
    {
        using var store = Store(Policy, """{ "services": { "product-service": [ { "subset": "v2" } ] } }""");

        var rule = Assert.Single(store.Current.For("product-service").Routes);
        Assert.Null(rule.Match);
        Assert.Equal([("v2", 100)], rule.Route.Select(route => (route.Subset, route.Weight)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("{}")]
    [InlineData("""{ "services": {} }""")]
    [InlineData("""{ "services": { "recommendation-service": [] } }""")]
    public void No_file_no_services_or_an_empty_split_change_nothing(string? splits)
    {
        using var store = Store(Policy, splits);

        var routes = store.Current.For("recommendation-service").Routes;
        Assert.Equal(2, routes.Count);
        Assert.Equal([("v1", 100)], routes[1].Route.Select(route => (route.Subset, route.Weight)));
        Assert.Empty(store.LastRefusal);
    }

    [Fact]
    public void An_edited_split_is_merged_again_and_a_refused_one_leaves_the_last_good_in_force()
    {
        using var store = Store(Policy, Canary10);
        var applied = new List<TrafficPolicy>();
        store.Changed += applied.Add;

        File.WriteAllText(SplitsFile, Canary50);
        Assert.True(store.Reload());
        Assert.Equal([50, 50], FinalWeights(store));
        Assert.NotEmpty(applied); // the file watcher may have applied it too

        File.WriteAllText(SplitsFile, """{ "services": { "recommendation-service": [ { "subset": "v1", "weight": 100 }, { "subset": "v2", "weight": 10 } ] } }""");
        Assert.False(store.Reload());
        Assert.Equal([50, 50], FinalWeights(store));
        Assert.Equal([50, 50], store.Splits.Services["recommendation-service"].Select(route => route.Weight));
        Assert.Contains(store.LastRefusal, problem => problem.Contains("weights add up to 110, not 100", StringComparison.Ordinal));

        File.WriteAllText(SplitsFile, "{}");
        Assert.True(store.Reload());
        Assert.Equal([100], FinalWeights(store));
        Assert.Empty(store.LastRefusal);
    }

    [Fact]
    public void An_edited_policy_file_is_merged_with_the_splits_in_force()
    {
        using var store = Store(Policy, Canary10);

        File.WriteAllText(PolicyFile, Policy.Replace("x-version", "x-tester", StringComparison.Ordinal));
        Assert.True(store.Reload());

        var routes = store.Current.For("recommendation-service").Routes;
        Assert.Equal("v2", routes[0].Match!.Headers["x-tester"]);
        Assert.Equal([90, 10], routes[1].Route.Select(route => route.Weight));
    }

    [Fact]
    public void A_broken_splits_file_at_start_up_is_ignored_and_the_replica_starts()
    {
        using var store = Store(Policy, """{ "services": { "nobody": [ { "subset": "v1" } ] } }""");

        Assert.Equal([100], FinalWeights(store));
        Assert.Empty(store.Splits.Services);
        Assert.Contains(store.LastRefusal, problem => problem.Contains("unknown service 'nobody'", StringComparison.Ordinal));
    }

    [Fact]
    public void A_splits_file_that_appears_later_is_applied()
    {
        using var store = Store(Policy, splits: null);

        File.WriteAllText(SplitsFile, Canary10);

        Assert.True(store.Reload());
        Assert.Equal([90, 10], FinalWeights(store));
    }

    [Fact]
    public async Task A_splits_file_renamed_into_place_is_picked_up_without_a_restart()
    {
        using var store = Store(Policy, Canary10);

        // As the Host writes it: a temporary file, then a rename over the old one.
        var temporary = SplitsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, Canary50, TestContext.Current.CancellationToken);
        File.Move(temporary, SplitsFile, overwrite: true);

        // The watcher's own latency is not under test: a generous bound, polled.
        for (var waited = 0; !FinalWeights(store).SequenceEqual([50, 50]); waited += 50)
        {
            Assert.True(waited < 30_000, "the new splits were never applied");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    [Theory]
    [InlineData("{ \"services\": {\n  \"cart-service\": [\n    { \"subset\": \"v1\", \"weight\": 80 },\n    { \"subset\": \"v2\", \"weight\": 10 } ] } }", 2, "services.cart-service: weights add up to 90, not 100")]
    [InlineData("{ \"services\": { \"cart-service\": [\n    { \"subset\": \"v1\", \"weight\": 101 },\n    { \"subset\": \"v2\", \"weight\": -1 } ] } }", 2, "services.cart-service[0].weight: must be between 0 and 100")]
    [InlineData("{ \"services\": { \"cart-service\": [\n    { \"subset\": \"V 2\" } ] } }", 2, "services.cart-service[0].subset: a destination names its subset")]
    [InlineData("{ \"services\": {\n  \"prodcut-service\": [ { \"subset\": \"v1\" } ] } }", 2, "unknown service 'prodcut-service'")]
    [InlineData("{ \"services\": {\n  \"cart-service\": null } }", 2, "services.cart-service: a rule needs at least one destination subset")]
    [InlineData("{ \"services\": { \"cart-service\": [\n    { \"subset\": \"v1\", \"wieght\": 100 } ] } }", 2, "wieght")]
    [InlineData("{ \"routes\": {} }", 1, "routes")]
    [InlineData("null", 1, "write an object")]
    public void A_broken_splits_file_is_refused_with_the_line_to_fix(string json, int line, string message)
    {
        var result = TrafficSplits.Parse(Encoding.UTF8.GetBytes(json), "splits.json");

        Assert.Null(result.Value);
        Assert.StartsWith($"splits.json:{line}: ", result.Problems[0]);
        Assert.Contains(result.Problems, problem => problem.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_governance_status_shows_the_splits_in_force()
    {
        File.WriteAllText(PolicyFile, Policy);
        File.WriteAllText(SplitsFile, Canary10);
        await using var app = await TestApp.StartAsync(
            _ => { },
            new Dictionary<string, string?> { ["Bazaar:TrafficPolicy"] = PolicyFile, ["Bazaar:TrafficSplits"] = SplitsFile });

        using var response = await app.Client.GetAsync(new Uri("/internal/governance", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(SplitsFile, status.RootElement.GetProperty("splitsFile").GetString());
        var split = status.RootElement.GetProperty("splits").GetProperty("recommendation-service");
        Assert.Equal([("v1", 90), ("v2", 10)], split.EnumerateArray().Select(route => (route.GetProperty("subset").GetString(), route.GetProperty("weight").GetInt32())));
    }

    private static int[] FinalWeights(TrafficPolicyStore store) =>
        [.. store.Current.For("recommendation-service").Routes[^1].Route.Select(route => route.Weight)];

    private TrafficPolicyStore Store(string policy, string? splits)
    {
        File.WriteAllText(PolicyFile, policy);
        if (splits is not null)
        {
            File.WriteAllText(SplitsFile, splits);
        }
        return PolicyFileTests.Store(PolicyFile, SplitsFile);
    }
}
