using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>With product-service gone the cart still answers, from what it stores.</summary>
public sealed class DegradedCartTests(CartFactory service) : IClassFixture<CartFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unreachable_catalog_degrades_the_cart_to_its_stored_lines_and_refuses_changes()
    {
        var client = service.ClientFor(Guid.CreateVersion7());
        var product = service.Catalog.Add(price: 3m);
        await client.PutAsJsonAsync($"/api/cart/items/{product.Sku}", new { quantity = 2 }, Cancellation);

        service.Catalog.Unreachable = true;
        try
        {
            var response = await client.GetAsync("/api/cart", Cancellation);
            var put = await client.PutAsJsonAsync($"/api/cart/items/{product.Sku}", new { quantity = 5 }, Cancellation);
            var removed = await client.DeleteAsync($"/api/cart/items/NOT-IN-CART", Cancellation);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cart = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
            Assert.True(cart.GetProperty("degraded").GetBoolean());
            var line = Assert.Single(cart.GetProperty("lines").EnumerateArray());
            Assert.Equal(product.Sku, line.GetProperty("sku").GetString());
            Assert.Equal(2, line.GetProperty("quantity").GetInt32());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("unitPrice").ValueKind);
            Assert.Equal(JsonValueKind.Null, line.GetProperty("lineTotal").ValueKind);
            Assert.Equal(JsonValueKind.Null, line.GetProperty("available").ValueKind);
            Assert.Equal("unknown", line.GetProperty("status").GetString());
            Assert.Equal(2, cart.GetProperty("itemCount").GetInt32());

            await put.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "catalog-unavailable");
            Assert.NotNull(put.Headers.RetryAfter);
            Assert.True((await removed.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("degraded").GetBoolean());
        }
        finally
        {
            service.Catalog.Unreachable = false;
        }

        var recovered = await client.GetFromJsonAsync<JsonElement>("/api/cart", Cancellation);
        Assert.False(recovered.GetProperty("degraded").GetBoolean());
        Assert.Equal(6m, recovered.GetProperty("total").GetProperty("amount").GetDecimal());
    }
}
