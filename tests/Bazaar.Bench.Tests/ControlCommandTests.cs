using System.Text.Json;
using Bazaar.Bench.Control;
using Microsoft.AspNetCore.Http;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class ControlCommandTests : IAsyncLifetime
{
    private FakeHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await FakeHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public void The_api_is_found_in_the_data_dirs_run_host_api_file()
    {
        var dataDir = Directory.CreateTempSubdirectory("bazaar-cli-").FullName;
        Directory.CreateDirectory(Path.Combine(dataDir, "run"));
        File.WriteAllText(Path.Combine(dataDir, "run", "host-api"), "http://127.0.0.1:41234");

        Assert.Equal(new Uri("http://127.0.0.1:41234"), HostApiAddress.Locate(null, dataDir));
        Assert.Equal(new Uri("http://127.0.0.1:5000"), HostApiAddress.Locate(new Uri("http://127.0.0.1:5000"), dataDir));
    }

    [Fact]
    public async Task Without_a_running_host_the_error_says_how_to_start_one()
    {
        var dataDir = Directory.CreateTempSubdirectory("bazaar-cli-").FullName;

        var (exitCode, output, error) = await FakeHost.Bazaar("status", "--data-dir", dataDir);

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.StartsWith("error: no Host is running", error, StringComparison.Ordinal);
        Assert.Contains("dotnet run --project src/Bazaar.Host", error, StringComparison.Ordinal);
        Assert.Contains("--host", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task Status_prints_each_deployment_and_autoscaler()
    {
        _host.Answer = (_, path, _) => path switch
        {
            "/deployments" => Results.Json(new object[]
            {
                new { name = "cart-service", service = "cart-service", revision = 1, version = "v1", replicas = 1, readyReplicas = 1, history = new[] { 1 }, rollout = (object?)null },
                new
                {
                    name = "product-service", service = "product-service", revision = 1, version = "v1", replicas = 3, readyReplicas = 2, history = new[] { 1 },
                    rollout = Rollout("Progressing", "v2 gets 20% of the traffic; analysing"),
                },
            }),
            "/autoscalers" => Results.Json(new[]
            {
                new
                {
                    deployment = "product-service", service = "product-service", minReplicas = 1, maxReplicas = 4, targetCpuUtilizationPercent = 60,
                    cpuRequestMillicores = 500, secondMetric = (string?)null, secondMetricTarget = (double?)null, currentReplicas = 3, desiredReplicas = 4,
                    lastScaleTime = (DateTimeOffset?)null,
                    decisions = new[] { new { reason = "ScaleUpLimit", limitedBy = "Pods", message = "scale-up capped at 1 replica" } },
                },
            }),
            _ => Results.NotFound(),
        };
        // Through the data dir's host-api file, as a person would run it.
        var dataDir = Directory.CreateTempSubdirectory("bazaar-cli-").FullName;
        Directory.CreateDirectory(Path.Combine(dataDir, "run"));
        await File.WriteAllTextAsync(Path.Combine(dataDir, "run", "host-api"), _host.Address.ToString().TrimEnd('/'), TestContext.Current.CancellationToken);

        var (exitCode, output, error) = await FakeHost.Bazaar("status", "--data-dir", dataDir);

        Assert.Equal(0, exitCode);
        Assert.Empty(error);
        var lines = output.Split(Environment.NewLine);
        Assert.StartsWith("DEPLOYMENT", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^cart-service +v1 +1 +1/1 +-$", lines[1]);
        Assert.Matches(@"^product-service +v1 +1 +2/3 +Progressing 20% to v2: v2 gets 20% of the traffic; analysing$", lines[2]);
        Assert.Contains("product-service  1-4 replicas, target 60% CPU, 3 -> 4; ScaleUpLimit (limited by Pods): scale-up capped at 1 replica", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scale_sends_the_replica_count()
    {
        _host.Answer = (_, _, _) => Results.Json(new { deployment = "cart-service", replicas = 3 });

        var (exitCode, output, _) = await _host.RunAsync("scale", "cart-service", "3");

        Assert.Equal(0, exitCode);
        var request = Assert.Single(_host.Requests);
        Assert.Equal(("POST", "/deployments/cart-service/scale"), (request.Method, request.Path));
        Assert.Equal(3, JsonDocument.Parse(request.Body).RootElement.GetProperty("replicas").GetInt32());
        Assert.Equal("cart-service scaled to 3 replicas", output.Trim());
    }

    [Fact]
    public async Task A_problem_from_the_host_is_printed_as_its_detail_with_exit_code_1()
    {
        _host.Answer = (_, _, _) => Results.Problem(statusCode: 404, type: "unknown-deployment", title: "Unknown deployment",
            detail: "There is no deployment 'nope'. Deployments: cart-service.");

        var (exitCode, output, error) = await _host.RunAsync("scale", "nope", "2");

        Assert.Equal(1, exitCode);
        Assert.Empty(output);
        Assert.Equal("error: There is no deployment 'nope'. Deployments: cart-service.", error.Trim());
    }

    [Fact]
    public async Task Rollout_sends_the_strategy_version_and_environment()
    {
        _host.Answer = (_, _, _) => Results.Json(Rollout("Progressing", "starting", weight: 0), statusCode: 202);

        var (exitCode, output, _) = await _host.RunAsync("rollout", "product-service", "--canary", "--version", "v2", "--env", "A=B");

        Assert.Equal(0, exitCode);
        var request = Assert.Single(_host.Requests);
        Assert.Equal(("POST", "/deployments/product-service/rollout"), (request.Method, request.Path));
        var body = JsonDocument.Parse(request.Body).RootElement;
        Assert.Equal(["version", "environment", "strategy"], body.EnumerateObject().Select(property => property.Name));
        Assert.Equal("v2", body.GetProperty("version").GetString());
        Assert.Equal("Canary", body.GetProperty("strategy").GetString());
        Assert.Equal("B", Assert.Single(body.GetProperty("environment").EnumerateObject(), variable => variable.Name == "A").Value.GetString());
        Assert.Equal("product-service: rolling revision 1 (v1) -> 2 (v2) by Canary", output.Trim());
    }

    [Fact]
    public async Task Rollout_wait_follows_the_messages_and_exits_2_when_rolled_back()
    {
        _host.Answer = (method, path, count) => (method, path, count) switch
        {
            ("POST", _, _) => Results.Json(Rollout("Progressing", "starting", weight: 0), statusCode: 202),
            ("GET", "/rollouts", 1) => Json(Rollout("Progressing", "v2 gets 20% of the traffic; analysing")),
            ("GET", "/rollouts", 2) => Json(Rollout("Progressing", "v2 gets 20% of the traffic; analysing")),
            ("GET", "/rollouts", _) => Json(Rollout("RolledBack", "rolled back to revision 1 (v1): analysis at 20% failed", weight: 0)),
            _ => Results.NotFound(),
        };

        var (exitCode, output, error) = await _host.RunAsync("rollout", "product-service", "--version", "v2", "--wait");

        Assert.Equal(2, exitCode);
        Assert.Empty(error);
        Assert.Equal(
            [
                "product-service: rolling revision 1 (v1) -> 2 (v2) by Canary",
                "  starting",
                "  v2 gets 20% of the traffic; analysing",
                "  rolled back to revision 1 (v1): analysis at 20% failed",
                "product-service: RolledBack",
            ],
            output.TrimEnd().Split(Environment.NewLine));
        Assert.Equal(4, _host.Requests.Count);
    }

    [Fact]
    public async Task Rollout_wait_exits_0_when_completed()
    {
        _host.Answer = (method, _, _) => method == "POST"
            ? Results.Json(Rollout("Progressing", "starting", weight: 0), statusCode: 202)
            : Json(Rollout("Completed", "revision 2 (v2) serves all traffic with 3 replicas", weight: 100));

        var (exitCode, output, _) = await _host.RunAsync("rollout", "product-service", "--wait");

        Assert.Equal(0, exitCode);
        Assert.EndsWith("product-service: Completed", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_without_a_rollout_under_way_reports_the_conflict()
    {
        _host.Answer = (_, _, _) => Results.Problem(statusCode: 409, type: "rollout-conflict", title: "Not now", detail: "product-service has no rollout under way.");

        var (exitCode, _, error) = await _host.RunAsync("promote", "product-service");

        Assert.Equal(1, exitCode);
        Assert.Equal(("POST", "/deployments/product-service/rollout/promote"), (_host.Requests.Single().Method, _host.Requests.Single().Path));
        Assert.Equal("error: product-service has no rollout under way.", error.Trim());
    }

    [Fact]
    public async Task Rollback_during_a_rollout_says_it_aborts_it()
    {
        _host.Answer = (method, _, _) => method == "GET"
            ? Json(Rollout("Progressing", "v2 gets 20% of the traffic; analysing"))
            : Results.Json(Rollout("Progressing", "v2 gets 20% of the traffic; analysing"), statusCode: 202);

        var (exitCode, output, _) = await _host.RunAsync("rollback", "product-service");

        Assert.Equal(0, exitCode);
        Assert.Equal("/deployments/product-service/rollback", _host.Requests.Last().Path);
        Assert.Equal("product-service: aborting the rollout of revision 2 (v2); revision 1 (v1) keeps serving", output.Trim());
    }

    [Theory]
    [InlineData("replicas must be a whole number", "scale", "cart-service", "three")]
    [InlineData("replicas must be a whole number", "scale", "cart-service", "2.5")]
    [InlineData("--env takes NAME=VALUE (got 'A')", "rollout", "cart-service", "--env", "A")]
    [InlineData("--env takes NAME=VALUE (got '=B')", "rollout", "cart-service", "--env", "C=D", "--env", "=B")]
    [InlineData("--canary and --rolling exclude each other", "rollout", "cart-service", "--canary", "--rolling")]
    public async Task Bad_arguments_are_refused_before_anything_is_sent(string message, params string[] args)
    {
        var (exitCode, _, error) = await _host.RunAsync(args);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, error, StringComparison.Ordinal);
        Assert.Empty(_host.Requests);
    }

    [Fact]
    public async Task A_host_that_is_not_a_url_is_refused()
    {
        var (exitCode, _, error) = await FakeHost.Bazaar("status", "--host", "127.0.0.1:41234");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--host must be an absolute http:// URL", error, StringComparison.Ordinal);
    }

    private static IResult Json(object rollout) => Results.Json(new[] { rollout });

    private static object Rollout(string phase, string message, int weight = 20) => new
    {
        deployment = "product-service", service = "product-service", strategy = "Canary", phase,
        fromRevision = 1, fromVersion = "v1", toRevision = 2, toVersion = "v2", weight, message,
        startedAt = DateTimeOffset.UnixEpoch, finishedAt = (DateTimeOffset?)null, analyses = Array.Empty<object>(),
    };
}
