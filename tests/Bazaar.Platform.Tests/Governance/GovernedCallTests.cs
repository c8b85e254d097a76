using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Bazaar.Platform.Governance.Calls;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Platform.Tests.Governance;

public sealed class GovernedCallTests
{
    private const string A = "http://127.0.0.1:5001";
    private const string B = "http://127.0.0.1:5002";
    private const string C = "http://127.0.0.1:5003";

    [Fact]
    public async Task A_refused_connection_is_retried_on_another_replica_never_the_same_one()
    {
        await using var upstream = new Upstream("{}", new() { ["product-service"] = [A, B] });
        upstream.Replicas.Refuse(A).Answer(B, HttpStatusCode.OK);

        for (var i = 0; i < 20; i++)
        {
            var calls = upstream.Replicas.Attempts.Count;
            using var response = await upstream.GetAsync("http://product-service/api/products");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var attempts = upstream.Replicas.Attempts.Skip(calls).Select(attempt => attempt.Authority).ToList();
            Assert.Equal(attempts.Distinct().Count(), attempts.Count);
        }
    }

    [Fact]
    public async Task A_connection_that_times_out_is_a_connect_failure_retried_elsewhere()
    {
        await using var upstream = new Upstream("{}", new() { ["product-service"] = [A, B] });
        upstream.Replicas.TimeOutConnecting(A).Answer(B, HttpStatusCode.OK);

        for (var i = 0; i < 10; i++)
        {
            using var response = await upstream.SendAsync(HttpMethod.Post, "http://product-service/internal/products/quote", request => request.Content = JsonContent.Create(new { skus = new[] { "A" } }));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_write_the_callee_deduplicates_may_be_marked_repeatable()
    {
        const string policy = """{ "defaults": { "retries": { "attempts": 1, "retryOn": ["unavailable"] } } }""";
        await using var upstream = new Upstream(policy, new() { ["product-service"] = [A, B] });
        upstream.Replicas.Answer(A, HttpStatusCode.ServiceUnavailable).Answer(B, HttpStatusCode.ServiceUnavailable);

        using var response = await upstream.SendAsync(HttpMethod.Post, "http://product-service/internal/inventory/reservations", request =>
            request.MarkRepeatable().Content = JsonContent.Create(new { reservationId = Guid.NewGuid() }));

        Assert.Equal(2, upstream.Replicas.Attempts.Count);
    }

    [Fact]
    public async Task A_write_without_an_idempotency_key_is_not_repeated_but_one_with_a_key_is()
    {
        const string policy = """{ "defaults": { "retries": { "attempts": 2, "retryOn": ["unavailable", "connect-failure"] } } }""";
        await using var upstream = new Upstream(policy, new() { ["order-service"] = [A, B] });
        upstream.Replicas.Answer(A, HttpStatusCode.ServiceUnavailable).Answer(B, HttpStatusCode.ServiceUnavailable);

        using var plain = await upstream.SendAsync(HttpMethod.Post, "http://order-service/api/orders", request => request.Content = JsonContent.Create(new { a = 1 }));
        Assert.Single(upstream.Replicas.Attempts);

        using var keyed = await upstream.SendAsync(HttpMethod.Post, "http://order-service/api/orders", request =>
        {
            request.Content = JsonContent.Create(new { a = 1 });
            request.Headers.Add("Idempotency-Key", "k-1");
        });
        // Two replicas: the retry goes to the other one, and there is no third to try.
        Assert.Equal(1 + 2, upstream.Replicas.Attempts.Count);
        Assert.NotEqual(upstream.Replicas.Attempts[1].Authority, upstream.Replicas.Attempts[2].Authority);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, keyed.StatusCode);
    }

    [Fact]
    public async Task A_refused_connection_is_retried_even_for_a_write_because_nothing_was_sent()
    {
        await using var upstream = new Upstream("{}", new() { ["order-service"] = [A, B] });
        upstream.Replicas.Refuse(A).Answer(B, HttpStatusCode.Created);

        for (var i = 0; i < 10; i++)
        {
            using var response = await upstream.SendAsync(HttpMethod.Post, "http://order-service/api/orders", request => request.Content = JsonContent.Create(new { a = 1 }));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_deliberate_try_later_answer_is_neither_retried_nor_held_against_the_replica()
    {
        const string policy = """{ "defaults": { "outlierDetection": { "consecutive5xxErrors": 1, "maxEjectionPercent": 100 } } }""";
        await using var upstream = new Upstream(policy, new() { ["order-service"] = [A] });
        upstream.Replicas.Answer(A, HttpStatusCode.ServiceUnavailable, response => response.Headers.Add("Retry-After", "1"));

        for (var i = 0; i < 3; i++)
        {
            using var response = await upstream.GetAsync("http://order-service/api/orders/1");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        Assert.Equal(3, upstream.Replicas.Attempts.Count);
        Assert.DoesNotContain(upstream.State.For("order-service").AllReplicas(), replica => replica.TotalEjections > 0);
    }

    [Fact]
    public async Task Retries_stay_within_the_budget_while_a_whole_service_is_down()
    {
        // No reserve: only the 20% every request earns (and the one retry the empty budget may hold).
        const string policy = """{ "defaults": { "retries": { "attempts": 2 }, "retryBudget": { "budgetPercent": 20, "minRetriesPerSecond": 0 } } }""";
        await using var upstream = new Upstream(policy, new() { ["product-service"] = [A, B, C] });
        upstream.Replicas.Refuse(A).Refuse(B).Refuse(C);
        const int requests = 500;

        for (var i = 0; i < requests; i++)
        {
            await Assert.ThrowsAsync<HttpRequestException>(() => upstream.GetAsync("http://product-service/api/products"));
        }

        var attempts = upstream.Replicas.Attempts.Count;
        Assert.InRange(attempts, requests + 1, requests * 1.2 + 1);
    }

    [Fact]
    public async Task A_replica_failing_in_a_row_is_ejected_and_comes_back_on_probation_after_its_time()
    {
        const string policy = """
            { "defaults": { "loadBalancer": "ROUND_ROBIN",
              "outlierDetection": { "consecutive5xxErrors": 3, "interval": "10s", "baseEjectionTime": "30s", "maxEjectionPercent": 50 } } }
            """;
        var time = new FakeTimeProvider();
        await using var upstream = new Upstream(policy, new() { ["product-service"] = [A, B] }, time);
        upstream.Replicas.Answer(A, HttpStatusCode.InternalServerError).Answer(B, HttpStatusCode.OK);

        while (upstream.Replicas.CountTo(A) < 3)
        {
            (await upstream.GetAsync("http://product-service/x")).Dispose();
        }
        for (var i = 0; i < 20; i++)
        {
            (await upstream.GetAsync("http://product-service/x")).Dispose();
        }
        Assert.Equal(3, upstream.Replicas.CountTo(A));

        time.Advance(TimeSpan.FromSeconds(31));
        while (upstream.Replicas.CountTo(A) < 4)
        {
            (await upstream.GetAsync("http://product-service/x")).Dispose();
        }
        // On probation, one more error ejects it again, now for twice the base time.
        var replica = upstream.State.For("product-service").AllReplicas().Single(r => r.Address.Authority == new Uri(A).Authority);
        Assert.True(replica.IsEjected(time.GetTimestamp()));
        Assert.Equal(2, replica.TotalEjections);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.True(replica.IsEjected(time.GetTimestamp()));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.False(replica.IsEjected(time.GetTimestamp()));
    }

    [Fact]
    public async Task Never_more_than_the_maximum_share_of_replicas_is_ejected()
    {
        const string policy = """{ "defaults": { "outlierDetection": { "consecutive5xxErrors": 1, "maxEjectionPercent": 50 } } }""";
        await using var upstream = new Upstream(policy, new() { ["product-service"] = [A, B] }, new FakeTimeProvider());
        upstream.Replicas.Answer(A, HttpStatusCode.InternalServerError).Answer(B, HttpStatusCode.InternalServerError);

        for (var i = 0; i < 20; i++)
        {
            (await upstream.GetAsync("http://product-service/x")).Dispose();
        }

        var now = TimeProvider.System.GetTimestamp();
        Assert.Single(upstream.State.For("product-service").AllReplicas(), replica => replica.TotalEjections > 0);
    }

    [Fact]
    public async Task Weights_split_traffic_between_versions()
    {
        const string policy = """
            { "services": { "product-service": { "stickyBy": "NONE",
              "routes": [ { "route": [ { "subset": "v1", "weight": 90 }, { "subset": "v2", "weight": 10 } ] } ] } } }
            """;
        await using var upstream = new Upstream(policy, new() { ["product-service"] = [A, B], ["v1.product-service"] = [A], ["v2.product-service"] = [B] });
        upstream.Replicas.Answer(A, HttpStatusCode.OK).Answer(B, HttpStatusCode.OK);
        const int requests = 4000;

        for (var i = 0; i < requests; i++)
        {
            (await upstream.GetAsync("http://product-service/x")).Dispose();
        }

        // 10% of 4000 has a standard deviation of 19; 2.5 points is over five of them.
        Assert.InRange(upstream.Replicas.CountTo(B) / (double)requests, 0.075, 0.125);
    }

    [Fact]
    public async Task A_header_picks_the_version_and_a_user_stays_on_theirs()
    {
        const string policy = """
            { "services": { "product-service": { "routes": [
                { "match": { "headers": { "x-bazaar-version": "v2" } }, "route": [ { "subset": "v2" } ] },
                { "route": [ { "subset": "v1", "weight": 50 }, { "subset": "v2", "weight": 50 } ] } ] } } }
            """;
        await using var upstream = new Upstream(policy, new() { ["v1.product-service"] = [A], ["v2.product-service"] = [B] });
        upstream.Replicas.Answer(A, HttpStatusCode.OK).Answer(B, HttpStatusCode.OK);

        for (var i = 0; i < 20; i++)
        {
            (await upstream.SendAsync(HttpMethod.Get, "http://product-service/x", request => request.Headers.Add("x-bazaar-version", "v2"))).Dispose();
        }
        Assert.Equal(20, upstream.Replicas.CountTo(B));

        var versionsSeen = new HashSet<string>();
        for (var user = 0; user < 40; user++)
        {
            upstream.Contexts.HttpContext = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", $"user-{user}")], "test")) };
            var before = upstream.Replicas.Attempts.Count;
            for (var i = 0; i < 5; i++)
            {
                (await upstream.GetAsync("http://product-service/x")).Dispose();
            }
            var theirs = upstream.Replicas.Attempts.Skip(before).Select(attempt => attempt.Authority).Distinct().ToList();
            versionsSeen.UnionWith(theirs);
            Assert.Single(theirs);
        }
        Assert.Equal(2, versionsSeen.Count);
    }

    [Fact]
    public async Task The_callers_deadline_travels_with_the_call_and_bounds_it()
    {
        await using var upstream = new Upstream("""{ "defaults": { "timeout": "10s" } }""", new() { ["cart-service"] = [A] });
        upstream.Replicas.Answer(A, HttpStatusCode.OK);
        var context = new DefaultHttpContext();
        RequestDeadline.Tighten(context, TimeSpan.FromSeconds(1), TimeProvider.System);
        upstream.Contexts.HttpContext = context;

        (await upstream.GetAsync("http://cart-service/api/cart")).Dispose();

        var sent = long.Parse(upstream.Replicas.Attempts.Single().DeadlineMs!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(sent, 1, 1000);
    }

    [Fact]
    public async Task A_replica_that_never_answers_is_a_timeout_the_callers_treat_as_unavailable()
    {
        await using var upstream = new Upstream("""{ "defaults": { "timeout": "200ms" } }""", new() { ["payment-service"] = [A] });
        upstream.Replicas.Hang(A);

        var failure = await Assert.ThrowsAsync<TaskCanceledException>(() => upstream.GetAsync("http://payment-service/internal/payments/orders/1"));

        Assert.IsType<TimeoutException>(failure.InnerException);
        Assert.True(Discovery.DownstreamFailure.IsUnavailable(failure, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_service_without_ready_replicas_is_a_connection_failure()
    {
        await using var upstream = new Upstream("{}", new() { ["user-service"] = [A] });

        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => upstream.GetAsync("http://cart-service/api/cart"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failure.StatusCode);
        Assert.Empty(upstream.Replicas.Attempts);
    }

    [Fact]
    public async Task An_address_that_is_not_a_service_name_passes_through()
    {
        await using var upstream = new Upstream("{}", new());
        upstream.Replicas.Answer("http://127.0.0.1:6000", HttpStatusCode.OK);

        using var response = await upstream.GetAsync("http://127.0.0.1:6000/x");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
