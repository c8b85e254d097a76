using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class AnonymousCartTests(CartFactory service) : IClassFixture<CartFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_an_anonymous_cart_needs_no_token_and_answers_a_uuid_v7()
    {
        var response = await service.CreateClient().PostAsync("/api/carts", null, Cancellation);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cartId = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("cartId").GetGuid();
        Assert.Equal(7, cartId.Version);
        var cart = await service.AnonymousClient(cartId.ToString()).CartAsync();
        Assert.Equal(0, cart.GetProperty("lines").GetArrayLength());
    }

    [Fact]
    public async Task An_anonymous_cart_is_added_to_read_changed_removed_from_and_cleared()
    {
        var (_, client) = await service.NewAnonymousCartAsync();
        var mug = service.Catalog.Add(price: 4m, name: "Mug");
        var pen = service.Catalog.Add(price: 1m);

        await client.PutOkAsync(mug.Sku, 2);
        await client.PutOkAsync(pen.Sku, 1);
        var changed = await (await client.PutOkAsync(mug.Sku, 3)).Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        var read = await client.CartAsync();
        var removed = await client.DeleteAsync($"/api/cart/items/{pen.Sku}", Cancellation);
        var afterRemove = await client.CartAsync();
        var cleared = await client.DeleteAsync("/api/cart", Cancellation);

        Assert.Equal(new Dictionary<string, int> { [mug.Sku] = 3, [pen.Sku] = 1 }, changed.Quantities());
        Assert.Equal(13m, read.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal("Mug", read.GetProperty("lines").EnumerateArray().Single(line => line.GetProperty("sku").GetString() == mug.Sku).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Equal(new Dictionary<string, int> { [mug.Sku] = 3 }, afterRemove.Quantities());
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Empty((await client.CartAsync()).Quantities()); // cleared, but the cart id still works
    }

    [Fact]
    public async Task Anonymous_carts_keep_the_rules_of_user_carts()
    {
        var (_, client) = await service.NewAnonymousCartAsync();

        await (await client.PutAsync("NO-SUCH-SKU", 1)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-sku");
        await (await client.PutAsync(service.Catalog.Add().Sku, 100)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        for (var i = 0; i < CartFactory.MaxLines; i++) await client.PutOkAsync(service.Catalog.Add().Sku, 1);
        await (await client.PutAsync(service.Catalog.Add().Sku, 1)).AssertProblemAsync(HttpStatusCode.UnprocessableEntity, "cart-full");
    }

    [Fact]
    public async Task With_a_token_the_users_cart_is_used_and_the_header_is_ignored()
    {
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var inAnonymous = service.Catalog.Add();
        var inUsers = service.Catalog.Add();
        await anonymous.PutOkAsync(inAnonymous.Sku, 1);
        var user = service.ClientFor(Guid.CreateVersion7());
        user.DefaultRequestHeaders.Add("X-Cart-Id", cartId.ToString());

        await user.PutOkAsync(inUsers.Sku, 2);
        var usersCart = await user.CartAsync();
        await user.DeleteAsync($"/api/cart/items/{inAnonymous.Sku}", Cancellation);
        await user.DeleteAsync("/api/cart", Cancellation);

        Assert.Equal(new Dictionary<string, int> { [inUsers.Sku] = 2 }, usersCart.Quantities());
        Assert.Equal(new Dictionary<string, int> { [inAnonymous.Sku] = 1 }, (await anonymous.CartAsync()).Quantities());
    }

    [Theory]
    [InlineData("0195f3a0-0000-7000-8000-000000000001")]
    [InlineData("not-a-cart-id")]
    public async Task An_unknown_or_malformed_cart_id_is_404_unknown_cart_on_every_endpoint(string cartId)
    {
        var client = service.AnonymousClient(cartId);
        var product = service.Catalog.Add();

        await (await client.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await client.PutAsync(product.Sku, 1)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await client.DeleteAsync($"/api/cart/items/{product.Sku}", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await client.DeleteAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        // Never created implicitly: the id is still unknown afterwards.
        await (await client.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
    }

    [Fact]
    public async Task A_user_cart_is_never_reachable_as_an_anonymous_cart()
    {
        var userId = Guid.CreateVersion7();
        await service.ClientFor(userId).PutOkAsync(service.Catalog.Add().Sku, 1);

        var response = await service.AnonymousClient(userId.ToString()).GetAsync("/api/cart", Cancellation);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
    }

    [Fact]
    public async Task One_anonymous_cart_never_sees_another()
    {
        var (_, ann) = await service.NewAnonymousCartAsync();
        var (_, bob) = await service.NewAnonymousCartAsync();
        var product = service.Catalog.Add();
        await ann.PutOkAsync(product.Sku, 2);

        Assert.Empty((await bob.CartAsync()).Quantities());
        await bob.DeleteAsync("/api/cart", Cancellation);
        Assert.Equal(2, (await ann.CartAsync()).Quantities()[product.Sku]);
    }

    [Fact]
    public async Task An_invalid_token_is_401_even_with_a_cart_id()
    {
        var (cartId, _) = await service.NewAnonymousCartAsync();
        var client = service.AnonymousClient(cartId.ToString());
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await (await client.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }
}
