using System.Net;
using Bazaar.Platform.Governance.Policy;
using Bazaar.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Gateway.Tests;

/// <summary>Buckets refill at 0.01 token/s here, so within a test only the burst counts.</summary>
public sealed class RateLimitTests(RateLimitTests.LimitedGateway gateway) : IClassFixture<RateLimitTests.LimitedGateway>
{
    public sealed class LimitedGateway : RateLimitedGateway
    {
        protected override string Policy => """
            {
              "gateway": {
                "rateLimit": {
                  "perUser": { "tokensPerSecond": 0.01, "burst": 3 },
                  "perClientIp": { "tokensPerSecond": 0.01, "burst": 10 }
                },
                "routes": {
                  "categories": { "rateLimit": { "perClientIp": { "tokensPerSecond": 0.01, "burst": 2 } } }
                }
              }
            }
            """;
    }

    [Fact]
    public async Task An_address_gets_its_burst_then_429s_with_retry_after_and_counted_by_route()
    {
        var ct = TestContext.Current.CancellationToken;
        using var rejections = CounterListener.For(gateway.Services, "bazaar.gateway.rate_limited", "route", "products");
        var client = gateway.ClientFrom("10.0.0.1");

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products", ct)).StatusCode);
        }
        var refused = await client.GetAsync("/api/products", ct);

        await refused.AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");
        // 0.01 token/s: the next token is 100 s away.
        Assert.Equal(TimeSpan.FromSeconds(100), refused.Headers.RetryAfter?.Delta);
        Assert.Equal(1, rejections.Count);
        Assert.Equal(HttpStatusCode.OK, (await gateway.ClientFrom("10.0.0.99").GetAsync("/api/products", ct)).StatusCode);
    }

    [Fact]
    public async Task Routes_without_limits_of_their_own_share_the_default_buckets()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = gateway.ClientFrom("10.0.0.2");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/cart", ct)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.GetAsync("/api/recommendations/products/SKU-1", ct)).StatusCode);
    }

    [Fact]
    public async Task Each_signed_in_user_has_a_bucket_of_their_own()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = gateway.ClientFrom("10.0.0.3", Guid.NewGuid());
        var second = gateway.ClientFrom("10.0.0.3", Guid.NewGuid());

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/cart", ct)).StatusCode);
        }
        await (await first.GetAsync("/api/cart", ct)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");

        // Same address, which still has tokens: the first user's empty bucket is not the second's.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/cart", ct)).StatusCode);
        }
    }

    [Fact]
    public async Task A_route_with_its_own_limit_is_held_to_it_apart_from_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = gateway.ClientFrom("10.0.0.4");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/categories", ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/categories", ct)).StatusCode);
        await (await client.GetAsync("/api/categories", ct)).AssertProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/products", ct)).StatusCode);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/health/routes")]
    [InlineData("/metrics")]
    [InlineData("/docs")]
    [InlineData("/openapi/product-service.json")]
    [InlineData("/internal/governance")]
    public async Task The_gateways_own_plumbing_is_never_limited(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        var client = gateway.ClientFrom("10.0.0.5");
        for (var i = 0; i < 15; i++)
        {
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync(path, ct)).StatusCode);
        }
    }
}

public sealed class RateLimitReloadTests(RateLimitReloadTests.ReloadableGateway gateway) : IClassFixture<RateLimitReloadTests.ReloadableGateway>
{
    public sealed class ReloadableGateway : RateLimitedGateway
    {
        protected override string Policy => Burst(2);

        public static string Burst(int burst) =>
            $$"""{ "gateway": { "rateLimit": { "perClientIp": { "tokensPerSecond": 0.01, "burst": {{burst}} } } } }""";
    }

    [Fact]
    public async Task A_reloaded_policy_changes_the_limit_without_a_restart()
    {
        var ct = TestContext.Current.CancellationToken;
        var client = gateway.ClientFrom("10.1.0.1");
        Assert.Equal(new[] { 200, 200, 429 }, await StatusesAsync(client, 3, ct));

        gateway.ReplacePolicy(ReloadableGateway.Burst(4));
        Assert.Equal(new[] { 200, 200, 200, 200, 429 }, await StatusesAsync(client, 5, ct));

        gateway.ReplacePolicy("{}");
        Assert.All(await StatusesAsync(client, 20, ct), status => Assert.Equal(200, status));
    }

    private static async Task<int[]> StatusesAsync(HttpClient client, int count, CancellationToken ct)
    {
        var statuses = new int[count];
        for (var i = 0; i < count; i++)
        {
            statuses[i] = (int)(await client.GetAsync("/api/products", ct)).StatusCode;
        }
        return statuses;
    }
}

/// <summary>A gateway (over <see cref="FakeUpstreams"/>) whose traffic policy file is <see cref="Policy"/>,
/// with clients that call from a chosen address.</summary>
public abstract class RateLimitedGateway : GatewayFactory
{
    protected abstract string Policy { get; }

    private string PolicyFile => Path.Combine(DataDirectory, "traffic-policy.json");

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        File.WriteAllText(PolicyFile, Policy);
        return base.Settings().Append(new("Bazaar:TrafficPolicy", PolicyFile));
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddTransient<IStartupFilter, TestClientAddress>();

    public HttpClient ClientFrom(string address, Guid? userId = null)
    {
        var client = userId is { } id ? ClientFor(id) : CreateClient();
        client.DefaultRequestHeaders.Add(TestClientAddress.Header, address);
        return client;
    }

    /// <summary>Rewrites the file and reloads it now (the file watcher would, within about a second).</summary>
    public void ReplacePolicy(string json)
    {
        File.WriteAllText(PolicyFile, json);
        Assert.True(Services.GetRequiredService<TrafficPolicyStore>().Reload());
    }
}
