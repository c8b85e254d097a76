using System.Net;
using Bazaar.Bench.Reports;
using Bazaar.Bench.Running;
using Bazaar.Bench.Scenarios;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class ErrorTests
{
    private static readonly Uri Target = new("http://platform.test");

    private static RunPlan Plan => new(Rate: 200, Duration: TimeSpan.FromSeconds(0.5), Warmup: TimeSpan.Zero, MaxInFlight: 1_000);

    private static List<ProductSummary> Products() =>
        [.. Enumerable.Range(1, 10).Select(i => new ProductSummary(Guid.CreateVersion7(), $"SKU-{i:D6}", $"Steel thing {i}", Guid.Empty, 100))];

    [Fact]
    public async Task Error_responses_are_counted_by_kind_never_as_successes_and_the_run_fails()
    {
        // Every third request 500, every fifth 429 (a problem detail), the rest 200.
        using var http = new BenchHttp(Target, 8, TimeSpan.FromSeconds(5), new FakeHandler((_, n) =>
            n % 3 == 0 ? FakeHandler.Json(HttpStatusCode.InternalServerError, "oops", "text/plain")
            : n % 5 == 0 ? FakeHandler.Problem(HttpStatusCode.TooManyRequests, "rate-limited")
            : FakeHandler.Json(HttpStatusCode.OK, "{}")));
        var scenario = new BrowseScenario(http, Products());

        var summary = await new LoadRun(TimeProvider.System, TextWriter.Null).RunAsync("browse", scenario, Plan, TestContext.Current.CancellationToken);

        var detail = Assert.Single(summary.Types);
        Assert.Equal(100, summary.Sent);
        Assert.Equal(100, summary.Completed);
        Assert.Equal(33, detail.ErrorsByKind["HTTP 500"]);
        Assert.Equal(14, detail.ErrorsByKind["HTTP 429 rate-limited"]);
        Assert.Equal(53, detail.Succeeded);
        Assert.Equal(53, summary.Overall.Count);
        Assert.Equal(47, summary.Errors);
        Assert.True(summary.Failed);
        Assert.StartsWith("FAILED: 47 errors", summary.Verdict, StringComparison.Ordinal);

        var report = new BenchReport("browse", Target.ToString(), DateTimeOffset.UnixEpoch, "test", [new BenchSection("browse", summary, null)], []);
        Assert.True(report.Failed);
        var table = ConsoleTable.Render(report);
        Assert.Contains("FAILED", table, StringComparison.Ordinal);
        Assert.Contains("HTTP 429 rate-limited x 14", table, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transport_failure_is_an_error_named_by_its_type()
    {
        using var http = new BenchHttp(Target, 8, TimeSpan.FromSeconds(5), new FakeHandler((_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "refused")));

        var summary = await new LoadRun(TimeProvider.System, TextWriter.Null).RunAsync("browse", new BrowseScenario(http, Products()), Plan, TestContext.Current.CancellationToken);

        Assert.Equal(100, summary.Types[0].ErrorsByKind["HttpRequestException ConnectionError"]);
        Assert.Equal(0, summary.Overall.Count);
        Assert.True(summary.Failed);
    }

    [Fact]
    public async Task An_order_that_is_created_but_not_paid_is_an_error_not_a_success()
    {
        var users = new List<BenchUser> { new("a@bazaar.test", "Bearer a", "SKU-000001"), new("b@bazaar.test", "Bearer b", "SKU-000002") };
        var orders = 0;
        using var http = new BenchHttp(Target, 8, TimeSpan.FromSeconds(5), new FakeHandler((request, _) =>
            request.Method == HttpMethod.Post
                ? FakeHandler.Json(HttpStatusCode.Created, $$"""{"id":"{{Guid.CreateVersion7()}}","status":"{{(Interlocked.Increment(ref orders) % 2 == 0 ? "Paid" : "Cancelled")}}"}""")
                : FakeHandler.Json(HttpStatusCode.OK, """{"lines":[]}""")));
        var scenario = new CheckoutScenario(http, users, ["SKU-000001", "SKU-000002"]);

        var summary = await new LoadRun(TimeProvider.System, TextWriter.Null).RunAsync("checkout", scenario, Plan, TestContext.Current.CancellationToken);

        var checkout = Assert.Single(summary.Types, type => type.Name == "checkout");
        Assert.Equal(100, checkout.Succeeded + checkout.Errors);
        Assert.True(checkout.ErrorsByKind["order Cancelled"] > 0);
        Assert.Equal(checkout.Errors, checkout.ErrorsByKind["order Cancelled"]);
        Assert.True(checkout.Succeeded > 0);
        Assert.True(summary.Failed);
        var refills = Assert.Single(summary.Types, type => type.Name == "refill-cart");
        Assert.Equal(100, refills.Succeeded);
    }

    [Theory]
    [InlineData("""{"id":"0196f0a0-0000-7000-8000-000000000000","status":"Paid"}""", null)]
    [InlineData("""{"id":"0196f0a0-0000-7000-8000-000000000000","status":"Fulfilling"}""", null)]
    [InlineData("""{"id":"0196f0a0-0000-7000-8000-000000000000","status":"Pending"}""", "order Pending")]
    [InlineData("""{"id":"0196f0a0-0000-7000-8000-000000000000"}""", "order without status")]
    [InlineData("not json", "order body not JSON")]
    public void Only_a_paid_order_counts(string body, string? error) =>
        Assert.Equal(error, Requests.ReachedPaid(System.Text.Encoding.UTF8.GetBytes(body)));
}
