using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Gateway.Tests;

public sealed class RoutingTests(GatewayFactory gateway) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _customer = gateway.ClientFor(Guid.NewGuid());

    [Fact]
    public async Task Routes_health_is_ok_when_every_cluster_has_a_destination()
    {
        var health = await gateway.CreateClient().GetFromJsonAsync<JsonElement>("/health/routes", TestContext.Current.CancellationToken);

        Assert.All(health.GetProperty("destinations").EnumerateObject(), cluster => Assert.True(cluster.Value.GetInt32() > 0, cluster.Name));
        Assert.True(health.GetProperty("destinations").TryGetProperty("order-service", out _));
    }

    [Theory]
    [InlineData("/api/users/login", "user-service")]
    [InlineData("/api/users/me", "user-service")]
    [InlineData("/.well-known/jwks.json", "user-service")]
    [InlineData("/api/products?q=lamp", "product-service")]
    [InlineData("/api/products/0192a1b2-0000-7000-8000-000000000000", "product-service")]
    [InlineData("/api/categories", "product-service")]
    [InlineData("/api/cart", "cart-service")]
    [InlineData("/api/cart/items/SKU-1", "cart-service")]
    [InlineData("/api/carts", "cart-service")]
    [InlineData("/api/orders", "order-service")]
    [InlineData("/api/users/me/addresses", "user-service")]
    [InlineData("/api/admin/catalog/products", "product-service")]
    [InlineData("/api/admin/orders", "order-service")]
    public async Task Each_area_reaches_its_own_service(string path, string service)
    {
        var echo = await _customer.GetFromJsonAsync<JsonElement>(path, TestContext.Current.CancellationToken);
        Assert.Equal(service, echo.GetProperty("service").GetString());
        Assert.Equal(new Uri("http://x" + path).AbsolutePath, echo.GetProperty("path").GetString());
    }

    [Theory]
    [InlineData("/api/orders/0192a1b2-0000-7000-8000-000000000000")]
    [InlineData("/api/payments")]
    [InlineData("/api/users/me")]
    [InlineData("/api/users/me/addresses")]
    [InlineData("/api/users/admin/keys/rotate")]
    [InlineData("/api/users/0192a1b2-0000-7000-8000-000000000000")]
    [InlineData("/api/admin/catalog/products")]
    [InlineData("/api/admin/orders")]
    public async Task Protected_areas_need_a_token_at_the_edge(string path)
    {
        var before = gateway.Upstreams.RequestCount;
        var response = await gateway.CreateClient().GetAsync(path, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
        Assert.Equal(before, gateway.Upstreams.RequestCount);
    }

    [Fact]
    public async Task An_anonymous_cart_reaches_the_cart_service_with_its_id()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cart");
        request.Headers.Add("X-Cart-Id", "0192a1b2-0000-7000-8000-000000000001");
        var response = await gateway.CreateClient().SendAsync(request, TestContext.Current.CancellationToken);
        var echo = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("cart-service", echo.GetProperty("service").GetString());
        Assert.Equal("0192a1b2-0000-7000-8000-000000000001", echo.GetProperty("headers").GetProperty("x-cart-id").GetString());
    }

    [Fact]
    public async Task The_token_travels_on_to_the_service()
    {
        var echo = await _customer.GetFromJsonAsync<JsonElement>("/api/cart", TestContext.Current.CancellationToken);
        Assert.StartsWith("Bearer ", echo.GetProperty("headers").GetProperty("authorization").GetString());
    }

    [Theory]
    [InlineData("/internal/inventory/reservations")]
    [InlineData("/api/nothing-here")]
    [InlineData("/health/../internal/x")]
    public async Task Unknown_and_internal_routes_are_a_404_problem(string path)
    {
        var response = await _customer.GetAsync(path, TestContext.Current.CancellationToken);
        await response.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task The_root_describes_the_areas()
    {
        var index = await gateway.CreateClient().GetFromJsonAsync<JsonElement>("/", TestContext.Current.CancellationToken);
        Assert.Equal("Bazaar", index.GetProperty("name").GetString());
        Assert.True(index.GetProperty("areas").TryGetProperty("checkout", out _));
    }
}
