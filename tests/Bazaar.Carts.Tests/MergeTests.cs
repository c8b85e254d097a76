using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class MergeTests(CartFactory service) : IClassFixture<CartFactory>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<JsonElement> MergedAsync(HttpClient user, Guid cartId)
    {
        var response = await user.MergeAsync(cartId);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    [Fact]
    public async Task Merging_adds_quantities_of_the_same_sku_capped_at_99_and_takes_disjoint_lines()
    {
        var user = service.ClientFor(Guid.CreateVersion7());
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var both = service.Catalog.Add(price: 2m);
        var capped = service.Catalog.Add(price: 1m);
        var onlyUsers = service.Catalog.Add(price: 3m);
        var onlyAnonymous = service.Catalog.Add(price: 5m);
        await user.PutOkAsync(both.Sku, 2);
        await user.PutOkAsync(capped.Sku, 60);
        await user.PutOkAsync(onlyUsers.Sku, 1);
        await anonymous.PutOkAsync(both.Sku, 3);
        await anonymous.PutOkAsync(capped.Sku, 50);
        await anonymous.PutOkAsync(onlyAnonymous.Sku, 4);

        var merged = await MergedAsync(user, cartId);

        var expected = new Dictionary<string, int> { [both.Sku] = 5, [capped.Sku] = 99, [onlyUsers.Sku] = 1, [onlyAnonymous.Sku] = 4 };
        Assert.Equal(expected, merged.Quantities());
        Assert.Equal(10m + 99m + 3m + 20m, merged.GetProperty("total").GetProperty("amount").GetDecimal());
        Assert.Equal(109, merged.GetProperty("itemCount").GetInt32());
        Assert.False(merged.GetProperty("degraded").GetBoolean());
        Assert.False(merged.TryGetProperty("notMerged", out _));
        Assert.Equal(expected, (await user.CartAsync()).Quantities());
    }

    [Fact]
    public async Task The_anonymous_cart_is_gone_after_a_merge_and_a_second_merge_is_404_changing_nothing()
    {
        var user = service.ClientFor(Guid.CreateVersion7());
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var product = service.Catalog.Add();
        await anonymous.PutOkAsync(product.Sku, 2);
        await MergedAsync(user, cartId);

        var again = await user.MergeAsync(cartId);

        await again.AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await anonymous.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        Assert.Equal(new Dictionary<string, int> { [product.Sku] = 2 }, (await user.CartAsync()).Quantities());
    }

    [Fact]
    public async Task Lines_beyond_the_line_limit_are_reported_not_merged()
    {
        var user = service.ClientFor(Guid.CreateVersion7());
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var shared = service.Catalog.Add();
        await user.PutOkAsync(shared.Sku, 1);
        for (var i = 1; i < CartFactory.MaxLines - 1; i++) await user.PutOkAsync(service.Catalog.Add().Sku, 1);
        var anonymousSkus = Enumerable.Range(0, 3).Select(_ => service.Catalog.Add().Sku).Order(StringComparer.Ordinal).ToList();
        await anonymous.PutOkAsync(shared.Sku, 1);
        foreach (var sku in anonymousSkus) await anonymous.PutOkAsync(sku, 1);

        var merged = await MergedAsync(user, cartId);

        var lines = merged.Quantities();
        Assert.Equal(CartFactory.MaxLines, lines.Count);
        Assert.Equal(2, lines[shared.Sku]); // an existing SKU always merges: it takes no new line
        Assert.Contains(anonymousSkus[0], lines.Keys);
        Assert.Equal(anonymousSkus[1..], merged.GetProperty("notMerged").EnumerateArray().Select(sku => sku.GetString()));
        await (await anonymous.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
    }

    [Fact]
    public async Task Merging_needs_a_token()
    {
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        await anonymous.PutOkAsync(service.Catalog.Add().Sku, 1);

        await (await service.CreateClient().MergeAsync(cartId)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.MergeAsync(cartId)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Single((await anonymous.CartAsync()).Quantities());
    }

    [Fact]
    public async Task The_merge_target_is_always_the_callers_own_cart()
    {
        var annId = Guid.CreateVersion7();
        var ann = service.ClientFor(annId);
        var bob = service.ClientFor(Guid.CreateVersion7());
        var annsOwn = service.Catalog.Add();
        await ann.PutOkAsync(annsOwn.Sku, 1);
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var product = service.Catalog.Add();
        await anonymous.PutOkAsync(product.Sku, 3);

        // Whatever Bob sends, there is no way to name Ann's cart as the target: a user cart is not an anonymous cart.
        await (await bob.MergeAsync(annId)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        var merged = await MergedAsync(bob, cartId);

        Assert.Equal(new Dictionary<string, int> { [product.Sku] = 3 }, merged.Quantities());
        Assert.Equal(new Dictionary<string, int> { [annsOwn.Sku] = 1 }, (await ann.CartAsync()).Quantities());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"cartId":null}""")]
    [InlineData("""{"cartId":"not-a-guid"}""")]
    public async Task A_missing_or_malformed_cart_id_is_a_400_problem(string body)
    {
        var response = await service.ClientFor(Guid.CreateVersion7())
            .PostAsync("/api/cart/merge", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Cancellation);
        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Merging_an_unknown_cart_is_404_and_leaves_the_users_cart_alone()
    {
        var user = service.ClientFor(Guid.CreateVersion7());
        var product = service.Catalog.Add();
        await user.PutOkAsync(product.Sku, 4);

        await (await user.MergeAsync(Guid.CreateVersion7())).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");

        Assert.Equal(new Dictionary<string, int> { [product.Sku] = 4 }, (await user.CartAsync()).Quantities());
    }
}
