using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Recommendations.Views;
using Bazaar.Testing;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary><c>POST /api/recommendations/views</c> and "viewed together"
/// (<c>GET /api/recommendations/products/{sku}?kind=viewed</c>): co-views counted once per session,
/// product and window, cosine as for purchases.</summary>
public sealed class ViewTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static Task<Recommendation> ViewedTogetherAsync(HttpClient client, string sku) => client.RecommendAsync(sku, query: "kind=viewed");

    [Fact]
    public async Task Viewed_together_follows_the_hand_computed_cosine()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D");
        var client = service.CreateClient();
        // Queued directly, all at one instant, so decay does not tell them apart and ties stay exact.
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        foreach (var (session, viewed) in new[] { ("s1", "ABC"), ("s2", "AB"), ("s3", "B"), ("s4", "AD") })
        {
            foreach (var letter in viewed) Assert.True(service.Queue().TryEnqueue(new View("s:" + session, null, sku(letter.ToString()), now)));
        }
        await service.WriteViewsAsync();

        // Views: n(A)=3, n(B)=3, n(C)=1, n(D)=1; co-views: co(A,B)=2 (s1, s2), co(A,C)=co(B,C)=1 (s1), co(A,D)=1 (s4).
        // A–B 2/sqrt(3·3) = 0.666667; A–C = A–D = 1/sqrt(3·1) = 0.577350 (ties by SKU); B–C 1/sqrt(3) too.
        var forA = await ViewedTogetherAsync(client, sku("A"));
        Assert.Equal(("item-to-item", false, false), (forA.Strategy, forA.Fallback, forA.Degraded));
        Assert.Equal([(sku("B"), 0.666667), (sku("C"), 0.57735), (sku("D"), 0.57735)], forA.Rounded);
        Assert.Equal([(sku("A"), 0.666667), (sku("C"), 0.57735)], (await ViewedTogetherAsync(client, sku("B"))).Rounded);
        // Bought together is untouched by views: nothing was bought.
        var bought = await client.RecommendAsync(sku("A"));
        Assert.Equal(("popular", true), (bought.Strategy, bought.Fallback));
        Assert.Empty(bought.Items);
    }

    [Fact]
    public async Task A_page_viewed_again_within_the_window_counts_once()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        var client = service.CreateClient();
        foreach (var letter in new[] { "A", "A", "B", "A", "B" }) await client.ViewAsync(sku(letter), "reloader");
        await service.WriteViewsAsync();

        // Counted once each: n(A) = n(B) = co(A,B) = 1, so 1/sqrt(1·1) = 1. Counted per view, A–B would be 2/sqrt(3·2) = 0.816497.
        Assert.Equal([(sku("B"), 1.0)], (await ViewedTogetherAsync(client, sku("A"))).Rounded);
    }

    [Fact]
    public async Task A_view_after_the_window_counts_again_and_views_a_window_apart_do_not_pair()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        var queue = service.Queue();
        var t0 = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds();
        var minute = (long)TimeSpan.FromMinutes(1).TotalMilliseconds;
        queue.TryEnqueue(new View("s:late", null, sku("A"), t0));
        queue.TryEnqueue(new View("s:late", null, sku("B"), t0 + 31 * minute)); // the 30-minute window after A has passed
        await service.WriteViewsAsync();
        var apart = await ViewedTogetherAsync(service.CreateClient(), sku("A"));

        queue.TryEnqueue(new View("s:late", null, sku("A"), t0 + 32 * minute)); // a new window: A counts again, and pairs with B
        await service.WriteViewsAsync();
        var together = await ViewedTogetherAsync(service.CreateClient(), sku("A"));

        Assert.Equal("popular", apart.Strategy);
        // n(A) = 2 (32 minutes apart), n(B) = 1, co = 1: 1/sqrt(2·1) = 0.7071, less a little decay over 32 minutes.
        Assert.Equal("item-to-item", together.Strategy);
        Assert.Equal(sku("B"), Assert.Single(together.Items).Sku);
        Assert.Equal(0.7072, together.Items[0].Score, 3);
    }

    [Fact]
    public async Task Views_of_different_sessions_or_users_do_not_pair()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C");
        var user = Guid.CreateVersion7();
        await service.CreateClient().ViewAsync(sku("A"), "one");
        await service.CreateClient().ViewAsync(sku("B"), "two");
        // A signed-in user's views are grouped by the token's user, whatever sessionId the body names.
        await service.ClientFor(user).ViewAsync(sku("C"), "one");
        await service.WriteViewsAsync();

        foreach (var letter in new[] { "A", "B", "C" })
        {
            var viewed = await ViewedTogetherAsync(service.CreateClient(), sku(letter));
            Assert.Equal(("popular", true), (viewed.Strategy, viewed.Fallback));
        }
    }

    [Fact]
    public async Task A_full_queue_drops_views_and_still_answers_202()
    {
        using var service = new TinyQueueFactory();
        var sku = service.NewProducts(Kitchen, "A", "B", "C", "D");
        var client = service.CreateClient();

        foreach (var letter in new[] { "A", "B", "C", "D" }) await client.ViewAsync(sku(letter), "busy"); // 202 each, none waits

        Assert.Equal(2, service.Queue().Dropped);
        await service.WriteViewsAsync();
        // The two that fit were counted, the two dropped were not.
        Assert.Equal([sku("B")], (await ViewedTogetherAsync(client, sku("A"))).Skus);
        Assert.Equal("popular", (await ViewedTogetherAsync(client, sku("C"))).Strategy);
    }

    [Fact]
    public async Task The_background_writer_counts_views_within_moments()
    {
        using var service = new RecommendationsFactory();
        var sku = service.NewProducts(Kitchen, "A", "B");
        var client = service.CreateClient();
        await client.ViewAsync(sku("A"), "live");
        await client.ViewAsync(sku("B"), "live");

        await OrderEvents.EventuallyAsync(async () =>
        {
            await service.RefreshModelAsync();
            return (await ViewedTogetherAsync(client, sku("A"))).Skus.SequenceEqual([sku("B")]);
        }, "The writer never counted the co-view of A and B.");
    }

    [Fact]
    public async Task Bad_views_get_400_and_queue_nothing()
    {
        using var service = new ViewsFactory();
        var client = service.CreateClient();
        var tooLong = new string('S', 65);

        async Task<HttpResponseMessage> PostAsync(string json) =>
            await client.PostAsync("/api/recommendations/views", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Cancellation);

        var missingSku = await PostAsync("""{"sessionId":"abc"}""");
        var emptySku = await PostAsync("""{"sku":"","sessionId":"abc"}""");
        var longSku = await PostAsync($$"""{"sku":"{{tooLong}}","sessionId":"abc"}""");
        var noSession = await PostAsync("""{"sku":"SKU-1"}""");
        var oddSession = await PostAsync("""{"sku":"SKU-1","sessionId":"a b"}""");
        var longSession = await PostAsync($$"""{"sku":"SKU-1","sessionId":"{{tooLong}}"}""");
        var malformed = await PostAsync("""{"sku":""");

        foreach (var response in new[] { missingSku, emptySku, longSku, noSession, oddSession, longSession }) await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(0, service.Queue().Reader.Count);
        Assert.Equal(0, service.Queue().Dropped);
    }

    [Fact]
    public async Task Viewed_together_takes_the_same_bad_input_rules()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "A");
        var client = service.CreateClient();

        var otherKind = await client.GetAsync($"/api/recommendations/products/{sku("A")}?kind=liked", Cancellation);
        var unknown = await client.GetAsync("/api/recommendations/products/SKU-NOPE?kind=viewed", Cancellation);

        await otherKind.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task For_you_blends_the_neighbours_of_what_the_user_viewed_with_less_weight_than_purchases()
    {
        using var service = new ViewsFactory();
        var sku = service.NewProducts(Kitchen, "W", "X", "Y", "Z");
        var user = Guid.CreateVersion7();
        await service.PublishAndWaitAsync(OrderEvents.Paid(sku("Y"), sku("Z")), OrderEvents.PaidBy(user, OrderEvents.Now, sku("Y")));
        var anonymous = service.CreateClient();
        await anonymous.ViewAsync(sku("X"), "s1");
        await anonymous.ViewAsync(sku("Y"), "s1");
        await anonymous.ViewAsync(sku("X"), "s2");
        await anonymous.ViewAsync(sku("W"), "s2");
        await service.ClientFor(user).ViewAsync(sku("X"));
        await service.WriteViewsAsync();

        var body = await service.ClientFor(user).GetFromJsonAsync<JsonElement>("/api/recommendations/for-you", Cancellation);
        var items = body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, Math.Round(i.GetProperty("score").GetDouble(), 6))).ToList();

        // Bought Y, which another shopper bought with Z: Z from purchases, 1/sqrt(2·1) = 0.707107. Viewed X: n(X)=3, n(W)=n(Y)=1, co(X,W)=co(X,Y)=1,
        // so W and Y are 1/sqrt(3) = 0.577350 from X, weighed 0.3 as a view: 0.173205. Y was bought, so it is left out.
        Assert.Equal("personalised", body.GetProperty("strategy").GetString());
        Assert.Equal([(sku("Z"), 0.707107), (sku("W"), 0.173205)], items);
    }
}

/// <summary>As <see cref="ViewsFactory"/>, keeping the fewest views per user allowed (20).</summary>
public sealed class FewUserViewsFactory : ViewsFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("Recommendations:UserViewsKept", "20")];
}

/// <summary><c>user_views</c> keeps each user's most recent views only.</summary>
public sealed class UserViewsPruningTests
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    [Fact]
    public async Task Each_user_keeps_only_the_most_recent_views_the_setting_allows()
    {
        using var service = new FewUserViewsFactory();
        var letters = Enumerable.Range(0, 25).Select(i => $"P{i:00}").ToArray();
        var sku = service.NewProducts(Kitchen, letters);
        var (viewer, other) = (Guid.NewGuid(), Guid.NewGuid());
        var start = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Ten minutes apart, in reverse SKU order, so recency and SKU order disagree.
        for (var i = 0; i < 25; i++) service.Queue().TryEnqueue(new View($"u:{viewer}", viewer, sku(letters[24 - i]), start + i * 600_000L));
        for (var i = 0; i < 3; i++) service.Queue().TryEnqueue(new View($"u:{other}", other, sku(letters[i]), start + i));

        await service.WriteViewsAsync();

        await using var connection = await service.Services.GetRequiredService<Bazaar.Platform.Data.Database>().OpenAsync(TestContext.Current.CancellationToken);
        var kept = (await connection.QueryAsync<string>("SELECT sku FROM user_views WHERE user_id = @viewer ORDER BY sku", new { viewer })).ToList();
        Assert.Equal(letters[..20].Select(sku), kept); // the 20 viewed last are P19 .. P00
        Assert.Equal(3L, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM user_views WHERE user_id = @other", new { other }));
    }
}
