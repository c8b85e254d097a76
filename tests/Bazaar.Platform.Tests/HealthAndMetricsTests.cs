using System.Net;
using Bazaar.Platform.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Platform.Tests;

public sealed class HealthAndMetricsTests
{
    [Fact]
    public async Task Probes_answer_and_readiness_turns_false_while_draining()
    {
        await using var app = await TestApp.StartAsync(_ => { });
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/ready", ct)).StatusCode);

        app.Services.GetRequiredService<DrainState>().BeginDraining();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Client.GetAsync("/health/ready", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Client.GetAsync("/health/live", ct)).StatusCode);
    }

    [Fact]
    public async Task Metrics_count_requests_per_route_with_their_status()
    {
        await using var app = await TestApp.StartAsync(a => a.MapGet("/items/{id:int}", (int id) => id == 0 ? Results.NotFound() : Results.Ok(id)));
        var ct = TestContext.Current.CancellationToken;
        await app.Client.GetAsync("/items/1", ct);
        await app.Client.GetAsync("/items/0", ct);

        var metrics = "";
        // The exporter publishes collected values on scrape; a request still finishing may land in the next one.
        for (var attempt = 0; attempt < 50 && !metrics.Contains("http_response_status_code=\"404\"", StringComparison.Ordinal); attempt++)
        {
            metrics = await app.Client.GetStringAsync("/metrics", ct);
            await Task.Delay(100, ct);
        }

        Assert.Contains("http_server_request_duration_seconds_bucket", metrics);
        Assert.Contains("http_route=\"/items/{id:int}\"", metrics);
        Assert.Contains("http_response_status_code=\"404\"", metrics);
        Assert.Contains("dotnet_gc", metrics); // runtime metrics too
    }

    [Fact]
    public async Task Stopping_waits_for_a_request_in_flight()
    {
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        await using var app = await TestApp.StartAsync(a => a.MapGet("/slow", async () =>
        {
            started.SetResult();
            await release.Task;
            return "finished";
        }));
        var ct = TestContext.Current.CancellationToken;

        var inFlight = app.Client.GetStringAsync("/slow", ct);
        await started.Task.WaitAsync(ct);
        var stopping = app.StopAsync();
        Assert.True(app.Services.GetRequiredService<DrainState>().IsDraining);
        release.SetResult();

        Assert.Equal("finished", await inFlight);
        await stopping;
    }
}
