using System.Net;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class ExpiryTests(ExpiringCartFactory service) : IClassFixture<ExpiringCartFactory>
{
    private static readonly TimeSpan Expiry = TimeSpan.FromDays(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task<int> SweepAsync() => service.SweepAsync();

    [Fact]
    public async Task Carts_untouched_for_30_days_are_swept_and_touched_ones_stay()
    {
        var staleUserId = Guid.CreateVersion7();
        var freshUserId = Guid.CreateVersion7();
        var staleUser = service.LongLivedClientFor(staleUserId);
        var freshUser = service.LongLivedClientFor(freshUserId);
        var (staleCartId, staleAnonymous) = await service.NewAnonymousCartAsync();
        var (freshCartId, freshAnonymous) = await service.NewAnonymousCartAsync();
        var product = service.Catalog.Add();
        foreach (var client in new[] { staleUser, freshUser, staleAnonymous, freshAnonymous }) await client.PutOkAsync(product.Sku, 1);

        service.Clock.Advance(TimeSpan.FromDays(20));
        await freshUser.PutOkAsync(product.Sku, 2);
        await freshAnonymous.DeleteAsync($"/api/cart/items/{product.Sku}", Cancellation); // a removal is a change too
        service.Clock.Advance(Expiry - TimeSpan.FromDays(20));
        var swept = await SweepAsync();

        Assert.True(swept >= 2, $"swept {swept}");
        Assert.False(await service.HasStoredCartAsync(staleUserId));
        Assert.False(await service.IsStoredAsync(staleCartId));
        Assert.True(await service.HasStoredCartAsync(freshUserId));
        Assert.True(await service.IsStoredAsync(freshCartId));
        Assert.Empty((await staleUser.CartAsync()).Quantities());
        await (await staleAnonymous.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        Assert.Equal(2, (await freshUser.CartAsync()).Quantities()[product.Sku]);
        Assert.Empty((await freshAnonymous.CartAsync()).Quantities());
    }

    [Fact]
    public async Task A_cart_lives_until_the_expiry_has_passed()
    {
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();

        service.Clock.Advance(Expiry - TimeSpan.FromSeconds(1));
        await SweepAsync();

        Assert.True(await service.IsStoredAsync(cartId));
        Assert.Empty((await anonymous.CartAsync()).Quantities()); // reading does not refresh
        service.Clock.Advance(TimeSpan.FromSeconds(1));
        await (await anonymous.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
    }

    [Fact]
    public async Task An_expired_anonymous_cart_is_unknown_before_it_is_swept()
    {
        var user = service.LongLivedClientFor(Guid.CreateVersion7());
        var (cartId, anonymous) = await service.NewAnonymousCartAsync();
        var product = service.Catalog.Add();
        await anonymous.PutOkAsync(product.Sku, 1);

        service.Clock.Advance(Expiry);

        Assert.True(await service.IsStoredAsync(cartId));
        await (await anonymous.GetAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await anonymous.PutAsync(product.Sku, 2)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await anonymous.DeleteAsync("/api/cart", Cancellation)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        await (await user.MergeAsync(cartId)).AssertProblemAsync(HttpStatusCode.NotFound, "unknown-cart");
        Assert.Empty((await user.CartAsync()).Quantities());
    }

    [Fact]
    public async Task An_expired_user_cart_reads_empty_before_it_is_swept_and_starts_afresh()
    {
        var user = service.LongLivedClientFor(Guid.CreateVersion7());
        var old = service.Catalog.Add();
        var added = service.Catalog.Add();
        await user.PutOkAsync(old.Sku, 3);

        service.Clock.Advance(Expiry);
        var read = await user.CartAsync();
        await user.PutOkAsync(added.Sku, 1);

        Assert.Empty(read.Quantities());
        Assert.Equal(new Dictionary<string, int> { [added.Sku] = 1 }, (await user.CartAsync()).Quantities());
    }
}
