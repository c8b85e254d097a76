using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>What a shopper does around their account, across user-, cart- and product-service.</summary>
[Collection(ShopCollection.Name)]
public sealed class AccountFlowTests(RunningShop shop)
{
    [Fact]
    public async Task A_cart_filled_before_signing_in_follows_the_shopper_into_their_account()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = await shop.Client.PostAsync("/api/carts", null, ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var cartId = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("cartId").GetString()!;

        var page = await shop.Client.GetFromJsonAsync<JsonElement>("/api/products?limit=20&inStock=true", ct);
        var sku = page.GetProperty("items")[0].GetProperty("sku").GetString()!;
        using (var add = new HttpRequestMessage(HttpMethod.Put, $"/api/cart/items/{sku}") { Content = JsonContent.Create(new { quantity = 2 }) })
        {
            add.Headers.Add("X-Cart-Id", cartId);
            Assert.True((await shop.Client.SendAsync(add, ct)).IsSuccessStatusCode);
        }

        var shopper = await Shopper.SignUpAsync(shop.Client, ct);
        var merged = await shopper.SendAsync(HttpMethod.Post, "/api/cart/merge", new { cartId }, ct: ct);
        Assert.True(merged.IsSuccessStatusCode, await merged.Content.ReadAsStringAsync(ct));

        var cart = await shopper.GetAsync("/api/cart", ct);
        var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
        Assert.Equal(sku, line.GetProperty("sku").GetString());
        Assert.Equal(2, line.GetProperty("quantity").GetInt32());

        using var stale = new HttpRequestMessage(HttpMethod.Get, "/api/cart");
        stale.Headers.Add("X-Cart-Id", cartId);
        Assert.Equal(HttpStatusCode.NotFound, (await shop.Client.SendAsync(stale, ct)).StatusCode);
    }

    [Fact]
    public async Task A_refresh_token_is_good_once_and_its_reuse_ends_the_session()
    {
        var ct = TestContext.Current.CancellationToken;
        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        await shop.Client.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse battery", name = "E2E" }, ct);
        var login = await (await shop.Client.PostAsJsonAsync("/api/users/login", new { email, password = "correct horse battery" }, ct)).Content.ReadFromJsonAsync<JsonElement>(ct);
        var first = login.GetProperty("refreshToken").GetString();

        var refreshed = await shop.Client.PostAsJsonAsync("/api/users/refresh", new { refreshToken = first }, ct);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var second = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("refreshToken").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Client.PostAsJsonAsync("/api/users/refresh", new { refreshToken = first }, ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await shop.Client.PostAsJsonAsync("/api/users/refresh", new { refreshToken = second }, ct)).StatusCode);
    }

    [Fact]
    public async Task The_api_reference_describes_every_service_through_the_gateway()
    {
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, (await shop.Client.GetAsync("/docs/", ct)).StatusCode);
        foreach (var service in new[] { "user-service", "product-service", "cart-service", "order-service", "payment-service", "recommendation-service" })
        {
            var document = await shop.Client.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json", ct);
            Assert.Equal(service, document.GetProperty("info").GetProperty("title").GetString());
            Assert.DoesNotContain(document.GetProperty("paths").EnumerateObject(), path => path.Name.StartsWith("/internal", StringComparison.Ordinal));
        }
    }
}
