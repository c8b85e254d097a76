using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Gateway.Tests;

public sealed class StorefrontTests(StorefrontTests.StorefrontGateway gateway) : IClassFixture<StorefrontTests.StorefrontGateway>
{
    /// <summary>The gateway over <see cref="StorefrontUpstreams"/>; the policy gives recommendation-service 300 ms.</summary>
    public class StorefrontGateway : ServiceFactory<Program>, IAsyncLifetime
    {
        public StorefrontUpstreams Upstreams { get; } = new();

        public async ValueTask InitializeAsync() => await Upstreams.StartAsync();

        protected virtual string ProductServiceUrl => Upstreams.ProductServiceUrl;

        protected override IEnumerable<KeyValuePair<string, string?>> Settings()
        {
            var policy = Path.Combine(DataDirectory, "traffic-policy.json");
            File.WriteAllText(policy, """{ "services": { "recommendation-service": { "timeout": "300ms" } } }""");
            yield return new("Bazaar:TrafficPolicy", policy);
            yield return new("Services:product-service:http:0", ProductServiceUrl);
            yield return new("Services:recommendation-service:http:0", Upstreams.RecommendationServiceUrl);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Upstreams.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_page_has_the_product_as_product_service_answered_it_and_its_recommendations()
    {
        var ct = TestContext.Current.CancellationToken;
        var response = await gateway.CreateClient().GetAsync($"/api/storefront/products/{StorefrontUpstreams.Recommended}", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Bazaar-Degraded"));
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        var product = page.GetProperty("product");
        Assert.Equal(StorefrontUpstreams.Recommended, product.GetProperty("id").GetGuid());
        Assert.Equal("SKU-OK", product.GetProperty("sku").GetString());
        Assert.Equal("blue", product.GetProperty("attributes").GetProperty("colour").GetString());
        Assert.True(product.GetProperty("onSale").GetBoolean());
        var recommendations = page.GetProperty("recommendations");
        Assert.Equal("item-to-item-6", recommendations.GetProperty("strategy").GetString());
        Assert.False(recommendations.GetProperty("fallback").GetBoolean());
        Assert.Equal(["SKU-CUP", "SKU-SAUCER"], recommendations.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("sku").GetString()));
        Assert.Equal(0, page.GetProperty("degraded").GetArrayLength());
    }

    [Fact]
    public async Task Recommendations_slower_than_their_timeout_leave_a_degraded_page()
    {
        using var degraded = CounterListener.For(gateway.Services, "bazaar.degraded", "part", "recommendations");
        var response = await gateway.CreateClient().GetAsync($"/api/storefront/products/{StorefrontUpstreams.SlowlyRecommended}", TestContext.Current.CancellationToken);
        await AssertDegradedAsync(response, "SKU-SLOW");
        Assert.Equal(1, degraded.Count);
    }

    [Fact]
    public async Task Recommendations_failing_leave_a_degraded_page()
    {
        var response = await gateway.CreateClient().GetAsync($"/api/storefront/products/{StorefrontUpstreams.FailinglyRecommended}", TestContext.Current.CancellationToken);
        await AssertDegradedAsync(response, "SKU-FAILS");
    }

    [Fact]
    public async Task An_unknown_product_is_a_404_problem()
    {
        var response = await gateway.CreateClient().GetAsync($"/api/storefront/products/{Guid.NewGuid()}", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task An_id_that_is_not_a_guid_matches_no_page()
    {
        var response = await gateway.CreateClient().GetAsync("/api/storefront/products/SKU-OK", TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    private static async Task AssertDegradedAsync(HttpResponseMessage response, string sku)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("recommendations", string.Join(",", response.Headers.GetValues("Bazaar-Degraded")));
        var page = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal(sku, page.GetProperty("product").GetProperty("sku").GetString());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("recommendations").ValueKind);
        Assert.Equal(["recommendations"], page.GetProperty("degraded").EnumerateArray().Select(part => part.GetString()));
    }
}

public sealed class StorefrontWithoutProductServiceTests(StorefrontWithoutProductServiceTests.ProductServiceDownGateway gateway)
    : IClassFixture<StorefrontWithoutProductServiceTests.ProductServiceDownGateway>
{
    /// <summary>product-service is listed at an address nobody listens on.</summary>
    public sealed class ProductServiceDownGateway : StorefrontTests.StorefrontGateway
    {
        private readonly string _closedPortUrl = ClosedPortUrl();

        protected override string ProductServiceUrl => _closedPortUrl;

        private static string ClosedPortUrl()
        {
            var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            return $"http://127.0.0.1:{port}";
        }
    }

    [Fact]
    public async Task Product_service_unreachable_is_a_503_problem_with_retry_after()
    {
        var response = await gateway.CreateClient().GetAsync($"/api/storefront/products/{StorefrontUpstreams.Recommended}", TestContext.Current.CancellationToken);

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "upstream-unavailable");
        Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
    }
}
