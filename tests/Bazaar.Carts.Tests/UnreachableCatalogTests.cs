using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Carts.Cart;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>The real HttpClient, resolved through service discovery to a port where nothing listens.</summary>
public sealed class UnreachableCatalogTests(UnreachableCatalogTests.NoProductService service) : IClassFixture<UnreachableCatalogTests.NoProductService>
{
    public sealed class NoProductService : ServiceFactory<Program>
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
            [new("Services:product-service:http:0", "http://127.0.0.1:9")];
    }

    [Fact]
    public async Task The_cart_answers_degraded_when_product_service_cannot_be_reached()
    {
        var userId = Guid.CreateVersion7();
        var client = service.ClientFor(userId);
        var repository = service.Services.GetRequiredService<CartRepository>();
        await repository.TrySetAsync(CartOwner.User(userId), "SKU-000001", 2, TestContext.Current.CancellationToken);

        var cart = await client.GetFromJsonAsync<JsonElement>("/api/cart", TestContext.Current.CancellationToken);

        Assert.True(cart.GetProperty("degraded").GetBoolean());
        Assert.Equal("SKU-000001", Assert.Single(cart.GetProperty("lines").EnumerateArray()).GetProperty("sku").GetString());
    }
}
