using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Gateway.Tests;

/// <summary>The gateway as a shared HTTP cache: it keeps what a service offers with <c>s-maxage</c>,
/// for anonymous GETs only, and forgets a service's pages when a write to it succeeds.</summary>
public sealed class EdgeCacheTests(EdgeCacheTests.EdgeCacheGateway gateway) : IClassFixture<EdgeCacheTests.EdgeCacheGateway>
{
    /// <summary>The gateway of the other tests, with the JWKS route opted in too (a second service's pages).</summary>
    public sealed class EdgeCacheGateway : GatewayFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [.. base.Settings(), new("ReverseProxy:Routes:jwks:Metadata:EdgeCache", "true")];
    }

    private const string Shared = "public, max-age=0, s-maxage=60";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly HttpClient _anonymous = gateway.CreateClient();

    /// <summary>A page of its own, so tests do not see each other's entries.</summary>
    private static string NewPage(string area = "/api/products/") => area + Guid.NewGuid();

    private static async Task<int> CountAsync(HttpClient client, string url, string? cacheControl = Shared, Action<HttpRequestMessage>? also = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cacheControl is not null) request.Headers.Add("x-test-cache-control", cacheControl);
        also?.Invoke(request);
        using var response = await client.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task A_page_offered_to_shared_caches_is_answered_by_the_gateway_with_its_age()
    {
        var page = NewPage();
        var first = await CountAsync(_anonymous, page);
        var before = gateway.Upstreams.RequestCount;

        using var again = await _anonymous.GetAsync(page, Ct);

        Assert.Equal(first, (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("count").GetInt32());
        Assert.Equal(before, gateway.Upstreams.RequestCount);
        Assert.NotNull(again.Headers.Age); // so a cache further out counts the time it spent here
        Assert.Equal(TimeSpan.FromSeconds(60), again.Headers.CacheControl!.SharedMaxAge);
    }

    [Fact]
    public async Task Each_query_string_is_its_own_page()
    {
        var page = NewPage("/api/products?q=");
        Assert.NotEqual(await CountAsync(_anonymous, page + "&limit=1"), await CountAsync(_anonymous, page + "&limit=2"));
    }

    [Fact]
    public async Task An_encoded_query_cannot_pass_for_another_page()
    {
        var brand = Guid.NewGuid().ToString("N");
        var real = await CountAsync(_anonymous, $"/api/products?brand={brand}&inStock=true");

        // Decoded, %1E is the separator of the output cache's own key and the name is upper-cased.
        var crafted = await CountAsync(_anonymous, $"/api/products?brand={brand}%1EINSTOCK=true");

        Assert.NotEqual(real, crafted);
        Assert.Equal(real, await CountAsync(_anonymous, $"/api/products?brand={brand}&inStock=true"));
    }

    [Fact]
    public async Task Routes_that_do_not_opt_in_are_never_cached()
    {
        var page = "/api/categories/" + Guid.NewGuid();
        Assert.NotEqual(await CountAsync(_anonymous, page), await CountAsync(_anonymous, page));
    }

    [Fact]
    public async Task An_answer_from_the_cache_carries_its_own_request_id()
    {
        var page = NewPage();
        await CountAsync(_anonymous, page, also: request => request.Headers.Add("X-Request-Id", "first-request"));

        using var again = new HttpRequestMessage(HttpMethod.Get, page);
        again.Headers.Add("X-Request-Id", "second-request");
        using var response = await _anonymous.SendAsync(again, Ct);

        Assert.NotNull(response.Headers.Age); // answered by the cache
        Assert.Equal("second-request", Assert.Single(response.Headers.GetValues("X-Request-Id")));
    }

    [Theory]
    [InlineData("no-cache")]
    [InlineData("public, max-age=60")] // the browser's lifetime, not the gateway's
    [InlineData("private, s-maxage=60")]
    [InlineData("public, no-store, s-maxage=60")]
    [InlineData("public, no-cache, s-maxage=60")]
    [InlineData("public, s-maxage=0")]
    [InlineData(null)]
    public async Task A_page_not_offered_to_shared_caches_always_reaches_its_service(string? cacheControl)
    {
        var page = NewPage();
        Assert.NotEqual(await CountAsync(_anonymous, page, cacheControl), await CountAsync(_anonymous, page, cacheControl));
    }

    [Fact]
    public async Task Responses_that_set_a_cookie_or_are_not_200_are_not_kept()
    {
        var withCookie = NewPage();
        void SetsCookie(HttpRequestMessage request) => request.Headers.Add("x-test-set-cookie", "session=1");
        Assert.NotEqual(await CountAsync(_anonymous, withCookie, also: SetsCookie), await CountAsync(_anonymous, withCookie));

        var missing = NewPage();
        using var notFound = new HttpRequestMessage(HttpMethod.Get, missing);
        notFound.Headers.Add("x-test-cache-control", Shared);
        notFound.Headers.Add("x-test-status", "404");
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.SendAsync(notFound, Ct)).StatusCode);
        var before = gateway.Upstreams.RequestCount;
        await CountAsync(_anonymous, missing);
        Assert.Equal(before + 1, gateway.Upstreams.RequestCount);
    }

    [Fact]
    public async Task A_signed_in_request_is_never_answered_from_the_cache_nor_stored()
    {
        var page = NewPage();
        var signedIn = gateway.ClientFor(Guid.NewGuid());
        var anonymous = await CountAsync(_anonymous, page);

        Assert.NotEqual(anonymous, await CountAsync(signedIn, page));
        var stored = NewPage();
        var first = await CountAsync(signedIn, stored);
        Assert.NotEqual(first, await CountAsync(_anonymous, stored));
    }

    [Fact]
    public async Task A_request_asking_for_no_cache_reaches_the_service_and_refreshes_the_page()
    {
        var page = NewPage();
        var first = await CountAsync(_anonymous, page);
        void NoCache(HttpRequestMessage request) => request.Headers.CacheControl = new() { NoCache = true };

        var refreshed = await CountAsync(_anonymous, page, also: NoCache);

        Assert.NotEqual(first, refreshed);
        Assert.Equal(refreshed, await CountAsync(_anonymous, page));
    }

    [Fact]
    public async Task A_successful_write_to_a_service_drops_its_pages_and_no_other_services()
    {
        var product = NewPage();
        var jwks = "/.well-known/jwks.json?" + Guid.NewGuid();
        var productFirst = await CountAsync(_anonymous, product);
        var jwksFirst = await CountAsync(_anonymous, jwks);
        var admin = gateway.ClientFor(Guid.NewGuid(), Bazaar.Platform.Auth.Roles.Admin);

        using var refused = new HttpRequestMessage(HttpMethod.Post, "/api/admin/catalog/products") { Content = JsonContent.Create(new { }) };
        refused.Headers.Add("x-test-status", "400");
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.SendAsync(refused, Ct)).StatusCode);
        Assert.Equal(productFirst, await CountAsync(_anonymous, product)); // a refused write changed nothing

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/admin/catalog/products", new { }, Ct)).StatusCode);

        Assert.NotEqual(productFirst, await CountAsync(_anonymous, product));
        Assert.Equal(jwksFirst, await CountAsync(_anonymous, jwks));
    }

    [Fact]
    public async Task A_page_is_kept_only_as_long_as_its_s_maxage()
    {
        var page = NewPage();
        var first = await CountAsync(_anonymous, page, "public, s-maxage=1");
        Assert.Equal(first, await CountAsync(_anonymous, page, "public, s-maxage=1"));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await CountAsync(_anonymous, page, "public, s-maxage=1") == first)
        {
            Assert.True(DateTime.UtcNow < deadline, "the page was still answered from the cache 30 s after its s-maxage of 1 s");
            await Task.Delay(100, Ct);
        }
    }
}
