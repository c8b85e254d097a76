using System.Net;
using Bazaar.Platform.Redis;
using Bazaar.Testing;
using StackExchange.Redis;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>Replicas of recommendation-service sharing their lists through a real redis-server: one
/// builds and publishes, every one answers from its mirror.</summary>
public sealed class RedisReplicaTests(RedisServer server) : IClassFixture<RedisServer>
{
    private static readonly Guid Kitchen = Guid.NewGuid();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private readonly string _prefix = RedisKeys.NewPrefix();

    private static Task PayAsync(RecommendationsFactory service, params string[][] orders) =>
        OrderStream.PublishAndWaitAsync(service, OrderEvents.Group, [.. orders.Select(skus => OrderEvents.Paid(skus))], Cancellation);

    private static async Task<bool> AnswersAsync(HttpClient client, string sku, IReadOnlyList<(string, double)> expected) =>
        (await client.RecommendAsync(sku)).Rounded.SequenceEqual(expected);

    private static async Task<(HttpStatusCode, string)> ReadinessAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", Cancellation);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Cancellation));
    }

    private async Task<string?> LeaseHolderAsync()
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);
        return await redis.GetDatabase().StringGetAsync(_prefix + "builder");
    }

    /// <summary>Two replicas, started one after the other; answers which builds.</summary>
    private static async Task<(RedisReplicaFactory Builder, RedisReplicaFactory Follower)> BuilderOfAsync(RedisReplicaFactory a, RedisReplicaFactory b)
    {
        foreach (var replica in new[] { a, b })
        {
            var client = replica.CreateClient();
            await OrderEvents.EventuallyAsync(async () => (await client.GetAsync("/health/ready", Cancellation)).StatusCode == HttpStatusCode.OK,
                "a replica never became ready");
        }
        await OrderEvents.EventuallyAsync(() => Task.FromResult(a.Refresher.IsBuilder != b.Refresher.IsBuilder), "not exactly one replica builds");
        return a.Refresher.IsBuilder ? (a, b) : (b, a);
    }

    [Fact]
    public async Task Two_replicas_answer_the_same_lists_built_by_one_of_them_through_changes_and_a_rebuild()
    {
        using var folder = new SharedDataFolder();
        using var a = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-a");
        using var b = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-b");
        var sku = a.NewProducts(Kitchen, "A", "B", "C", "D", "PAGE");
        foreach (var letter in new[] { "A", "B", "C", "D", "PAGE" }) b.Catalog.Add(sku(letter), Kitchen);
        var (builder, follower) = await BuilderOfAsync(a, b);
        Assert.Equal(builder.Owner, await LeaseHolderAsync());

        await PayAsync(follower, [sku("A"), sku("B")], [sku("A"), sku("B")], [sku("A"), sku("C")], [sku("B"), sku("C")], [sku("A"), sku("D")], [sku("B")], [sku("B")]);

        // As ItemToItemTests computes by hand: n(A)=4, n(B)=5, n(C)=2, n(D)=1; A–D 1/sqrt(4) = 0.5,
        // A–B 2/sqrt(20) = 0.447214, A–C 1/sqrt(8) = 0.353553; B–C 1/sqrt(10) = 0.316228.
        IReadOnlyList<(string, double)> forA = [(sku("D"), 0.5), (sku("B"), 0.447214), (sku("C"), 0.353553)];
        foreach (var replica in new[] { builder, follower })
        {
            var client = replica.CreateClient();
            await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), forA), "a replica never answered the lists built from the orders");
            Assert.Equal([(sku("A"), 0.447214), (sku("C"), 0.316228)], (await client.RecommendAsync(sku("B"))).Rounded);
        }
        Assert.False(follower.Refresher.IsBuilder);
        Assert.Equal(0, follower.Source.Reads); // a replica that does not build never reads the counts

        // One more order reaches the follower as changes, not as a reload: n(C)=3, n(D)=2, co(C,D)=1,
        // so A–D 1/sqrt(8) = 0.353553 and A–C 1/sqrt(12) = 0.288675.
        var (changeSyncs, fullReloads) = (follower.Mirror.ChangeSyncs, follower.Mirror.FullReloads);
        await PayAsync(builder, [sku("C"), sku("D")]);
        IReadOnlyList<(string, double)> forAThen = [(sku("B"), 0.447214), (sku("D"), 0.353553), (sku("C"), 0.288675)];
        var followerClient = follower.CreateClient();
        await OrderEvents.EventuallyAsync(() => AnswersAsync(followerClient, sku("A"), forAThen), "the follower never took the new order in");
        Assert.True(follower.Mirror.ChangeSyncs > changeSyncs);
        Assert.Equal(fullReloads, follower.Mirror.FullReloads);

        // A rebuild (asked of the follower) replays every order; the builder publishes the new
        // generation whole once it caught up, and both replicas answer from it.
        Assert.Equal(HttpStatusCode.Accepted, (await followerClient.PostAsync("/internal/recommendations/rebuild", null, Cancellation)).StatusCode);
        foreach (var replica in new[] { builder, follower })
        {
            var client = replica.CreateClient();
            await OrderEvents.EventuallyAsync(async () => replica.Mirror.Generation == 2 && await AnswersAsync(client, sku("A"), forAThen),
                "a replica never answered from the rebuilt lists");
            // Each order counted once again: B 5, A 4, C 3, D 2.
            Assert.Equal([5.0, 4.0, 3.0, 2.0], (await client.RecommendAsync(sku("PAGE"))).Items.Select(i => Math.Round(i.Score, 3)));
        }
    }

    [Fact]
    public async Task When_the_builder_goes_the_other_replica_takes_over_publishes_everything_and_keeps_learning()
    {
        using var folder = new SharedDataFolder();
        // Short, should the builder's release be lost; a graceful stop gives the lease up at once
        // (SharedListRedisTests checks that an unreleased lease passes on when it expires).
        var lease = TimeSpan.FromSeconds(2);
        using var a = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-a", lease);
        using var b = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-b", lease);
        var sku = a.NewProducts(Kitchen, "A", "B", "C");
        foreach (var letter in new[] { "A", "B", "C" }) b.Catalog.Add(sku(letter), Kitchen);
        var (builder, follower) = await BuilderOfAsync(a, b);
        await PayAsync(follower, [sku("A"), sku("B")], [sku("A"), sku("B")]);
        var client = follower.CreateClient();
        await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 1.0)]), "the follower never answered the lists");
        var reloads = follower.Mirror.FullReloads;

        builder.Dispose();

        await OrderEvents.EventuallyAsync(async () => follower.Refresher.IsBuilder && await LeaseHolderAsync() == follower.Owner,
            "the other replica never took the lease over");
        // Its first publish is whole (a reset), which its own mirror reloads; the answers stay.
        await OrderEvents.EventuallyAsync(() => Task.FromResult(follower.Mirror.FullReloads > reloads), "the new builder never published everything");
        Assert.Equal([(sku("B"), 1.0)], (await client.RecommendAsync(sku("A"))).Rounded);

        // n(A)=3, n(B)=2, n(C)=1: A–B 2/sqrt(6) = 0.816497, A–C 1/sqrt(3) = 0.57735.
        await PayAsync(follower, [sku("A"), sku("C")]);
        await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 0.816497), (sku("C"), 0.57735)]),
            "the new builder never published a new order");
    }

    [Fact]
    public async Task A_new_builder_whose_first_refresh_outlasts_the_lease_keeps_it_and_publishes()
    {
        using var folder = new SharedDataFolder();
        // Loading every count takes twice as long as the lease lasts (a big shop, a slow disk):
        // a lease renewed only between refreshes would lapse during each, every publish would
        // be refused, and every next refresh would start a new term from nothing again.
        var lease = TimeSpan.FromSeconds(2);
        using var service = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-a", lease, fullLoadDelay: 2 * lease);
        var sku = service.NewProducts(Kitchen, "A", "B");
        var client = service.CreateClient();
        await PayAsync(service, [sku("A"), sku("B")]);

        await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 1.0)]), "the slow builder never published its lists");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready", Cancellation)).StatusCode);
        Assert.Equal(service.Owner, await LeaseHolderAsync());
    }

    [Fact]
    public async Task A_replica_whose_build_fails_still_syncs_and_a_builder_that_cannot_publish_gives_the_lease_up()
    {
        using var folder = new SharedDataFolder();
        using var a = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-a");
        using var b = new RedisReplicaFactory(folder.Path, server.ConnectionString, _prefix, "replica-b");
        var sku = a.NewProducts(Kitchen, "A", "B", "C");
        foreach (var letter in new[] { "A", "B", "C" }) b.Catalog.Add(sku(letter), Kitchen);
        var (builder, follower) = await BuilderOfAsync(a, b);
        await PayAsync(follower, [sku("A"), sku("B")], [sku("A"), sku("B")]);
        foreach (var replica in new[] { builder, follower })
        {
            var client = replica.CreateClient();
            await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 1.0)]), "a replica never answered the lists");
        }

        // The follower's step of the refresh that checks the lease fails: its sync still takes
        // the builder's lists in. n(A)=3, n(B)=2, n(C)=1: A–B 2/sqrt(6) = 0.816497, A–C 1/sqrt(3) = 0.57735.
        follower.LeaseRedis.Broken = true;
        await PayAsync(builder, [sku("A"), sku("C")]);
        var followerClient = follower.CreateClient();
        await OrderEvents.EventuallyAsync(() => AnswersAsync(followerClient, sku("A"), [(sku("B"), 0.816497), (sku("C"), 0.57735)]),
            "a replica whose lease checks failed stopped syncing");
        follower.LeaseRedis.Broken = false;

        // The builder cannot publish any more (a timeout, Redis refusing its writes): after a few
        // refreshes it gives the lease up, and the other replica builds and publishes for both.
        // n(B)=3, n(C)=2: A–B 2/sqrt(9) = 0.666667, A–C 1/sqrt(6) = 0.408248.
        builder.PublisherRedis.Broken = true;
        await PayAsync(follower, [sku("B"), sku("C")]);
        await OrderEvents.EventuallyAsync(async () => follower.Refresher.IsBuilder && await LeaseHolderAsync() == follower.Owner,
            "the builder that could not publish kept the lease");
        foreach (var replica in new[] { builder, follower })
        {
            var client = replica.CreateClient();
            await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 0.666667), (sku("C"), 0.408248)]),
                "a replica never answered the new builder's lists");
        }
        Assert.False(builder.Refresher.IsBuilder);
    }

    [Fact]
    public async Task When_redis_is_lost_the_replica_stays_ready_says_it_is_degraded_and_answers_from_its_mirror()
    {
        await using var own = new RedisServer(); // this test kills it
        using var folder = new SharedDataFolder();
        using var service = new RedisReplicaFactory(folder.Path, own.ConnectionString, _prefix, "replica-a");
        var sku = service.NewProducts(Kitchen, "A", "B");
        var client = service.CreateClient();
        await PayAsync(service, [sku("A"), sku("B")]);
        await OrderEvents.EventuallyAsync(() => AnswersAsync(client, sku("A"), [(sku("B"), 1.0)]), "the lists were never published");
        Assert.Equal((HttpStatusCode.OK, "Healthy"), await ReadinessAsync(client));

        own.Stop();

        // Requests never call Redis, so losing it does not make the replica unready: the
        // gateway keeps routing to it, and readiness says what is missing.
        await OrderEvents.EventuallyAsync(async () => await ReadinessAsync(client) == (HttpStatusCode.OK, "Degraded"),
            "readiness never reported Redis as lost");
        var response = await client.GetAsync($"/api/recommendations/products/{sku("A")}", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([(sku("B"), 1.0)], (await client.RecommendAsync(sku("A"))).Rounded);
    }
}

/// <summary>A configured Redis that does not answer stops the service at start-up. No redis-server needed.</summary>
public sealed class RedisStartupTests
{
    [Fact]
    public void A_redis_that_does_not_answer_stops_the_start_with_a_line_naming_the_setting()
    {
        int closedPort;
        using (var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        using var service = new UnreachableRedisFactory($"127.0.0.1:{closedPort}");

        var exception = Assert.ThrowsAny<Exception>(() => service.CreateClient());

        var reason = exception as InvalidOperationException ?? exception.InnerException as InvalidOperationException;
        Assert.NotNull(reason);
        Assert.StartsWith($"{RedisExtensions.Setting}: Redis does not answer at 127.0.0.1:{closedPort}", reason.Message);
        Assert.DoesNotContain('\n', reason.Message);
    }

    private sealed class UnreachableRedisFactory(string redis) : RecommendationsFactory
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() => [.. base.Settings(), new("ConnectionStrings:Redis", redis)];
    }
}
