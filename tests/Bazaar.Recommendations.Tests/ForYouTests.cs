using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary><c>GET /api/recommendations/for-you</c>: the blended neighbours of what the signed-in user
/// bought, never what they bought; popular when there is too little to go on.</summary>
public sealed class ForYouTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static async Task<Recommendation> ForYouAsync(HttpClient client, string query = "")
    {
        var body = await client.GetFromJsonAsync<JsonElement>("/api/recommendations/for-you" + query, Cancellation);
        return new Recommendation("", body.GetProperty("strategy").GetString()!, body.GetProperty("fallback").GetBoolean(), body.GetProperty("degraded").GetBoolean(),
            [.. body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("score").GetDouble()))]);
    }

    /// <summary>Others bought A with B twice, C with D, B with E; the user bought A, then C.</summary>
    private static async Task<(RecommendationsFactory Service, Func<string, string> Sku, Guid User)> ShopAsync()
    {
        var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D", "E", "F");
        var user = Guid.CreateVersion7();
        var now = OrderEvents.Now;
        await service.PublishAndWaitAsync(
            OrderEvents.Paid(sku("A"), sku("B")), OrderEvents.Paid(sku("A"), sku("B")), OrderEvents.Paid(sku("C"), sku("D")), OrderEvents.Paid(sku("B"), sku("E")),
            OrderEvents.PaidBy(user, now, sku("A")), OrderEvents.PaidBy(user, now, sku("C")));
        return (service, sku, user);
    }

    [Fact]
    public async Task The_neighbours_of_what_the_user_bought_blend_and_what_they_bought_is_left_out()
    {
        var (service, sku, user) = await ShopAsync();
        using var _ = service;

        var forYou = await ForYouAsync(service.ClientFor(user));

        // n(A) = n(B) = 3, n(C) = 2, n(D) = 1: D from C 1/sqrt(2·1) = 0.707107; B from A 2/sqrt(3·3) = 0.666667.
        // E is a neighbour of B only, which the user did not buy; A and C they bought.
        Assert.Equal(("personalised", false, false), (forYou.Strategy, forYou.Fallback, forYou.Degraded));
        Assert.Equal([(sku("D"), 0.707107), (sku("B"), 0.666667)], forYou.Rounded);
    }

    [Fact]
    public async Task Out_of_stock_and_archived_products_are_left_out()
    {
        var (service, sku, user) = await ShopAsync();
        using var _ = service;
        service.Catalog.Add(sku("D"), Kitchen, available: 0);

        Assert.Equal([sku("B")], (await ForYouAsync(service.ClientFor(user))).Skus);

        service.Catalog.Add(sku("B"), Kitchen, active: false);
        var nothingLeft = await ForYouAsync(service.ClientFor(user));
        Assert.Equal(("popular", true), (nothingLeft.Strategy, nothingLeft.Fallback));
        Assert.Equal([sku("E")], nothingLeft.Skus); // A and C bought, B archived, D sold out
    }

    [Fact]
    public async Task A_user_who_bought_nothing_gets_popular_products()
    {
        var (service, sku, _) = await ShopAsync();
        using var _ = service;

        var forYou = await ForYouAsync(service.ClientFor(Guid.CreateVersion7()));

        Assert.Equal(("popular", true), (forYou.Strategy, forYou.Fallback));
        Assert.Equal([sku("A"), sku("B"), sku("C"), sku("D"), sku("E")], forYou.Skus); // 3, 3, 2, 1, 1 orders
        Assert.Equal([sku("A"), sku("B")], (await ForYouAsync(service.ClientFor(Guid.CreateVersion7()), "?limit=2")).Skus);
    }

    [Fact]
    public async Task With_an_empty_store_the_answer_is_popular_and_empty()
    {
        using var service = new RecommendationsFactory();

        var forYou = await ForYouAsync(service.ClientFor(Guid.CreateVersion7()));

        Assert.Equal(("popular", true), (forYou.Strategy, forYou.Fallback));
        Assert.Empty(forYou.Items);
    }

    [Fact]
    public async Task When_product_service_hangs_the_answer_is_degraded()
    {
        var (service, sku, user) = await ShopAsync();
        using var _ = service;
        await ForYouAsync(service.ClientFor(user)); // product-service's last word on every candidate
        service.Catalog.Hangs = true;

        var forYou = await ForYouAsync(service.ClientFor(user));

        Assert.True(forYou.Degraded);
        Assert.Equal([sku("D"), sku("B")], forYou.Skus);
    }

    [Fact]
    public async Task It_needs_a_signed_in_user_and_a_sane_limit()
    {
        using var service = new RecommendationsFactory();

        var anonymous = await service.CreateClient().GetAsync("/api/recommendations/for-you", Cancellation);
        var tooMany = await service.ClientFor(Guid.CreateVersion7()).GetAsync("/api/recommendations/for-you?limit=51", Cancellation);
        var none = await service.ClientFor(Guid.CreateVersion7()).GetAsync("/api/recommendations/for-you?limit=0", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await tooMany.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await none.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}
