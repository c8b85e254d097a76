using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Model.Shared;
using Bazaar.Testing;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The lease, the publisher and the mirror against a real redis-server, each step taken by
/// the test: who may publish, and when a mirror must reload everything.</summary>
public sealed class SharedListRedisTests(RedisServer server) : IClassFixture<RedisServer>, IAsyncLifetime
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private readonly string _prefix = RedisKeys.NewPrefix();
    private ConnectionMultiplexer _redis = null!;

    public async ValueTask InitializeAsync() => _redis = await ConnectionMultiplexer.ConnectAsync(server.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private static NeighbourIndex Lists(params string[][] orders)
    {
        var counts = new CoPurchaseCounts(HalfLife);
        foreach (var order in orders) counts.Record(order, T0);
        return NeighbourIndex.Build(counts, 50);
    }

    private static void AssertSame(NeighbourIndex expected, NeighbourIndex actual)
    {
        Assert.Equal(expected.Lists.Keys.Order(StringComparer.Ordinal), actual.Lists.Keys.Order(StringComparer.Ordinal));
        foreach (var sku in expected.Lists.Keys) Assert.Equal(expected.NeighboursOf(sku), actual.NeighboursOf(sku));
        Assert.Equal(expected.Popular, actual.Popular);
    }

    /// <summary>Everything under the test's prefix, as text, for before/after comparisons.</summary>
    private async Task<List<string>> DumpAsync(SharedListParts parts)
    {
        var database = _redis.GetDatabase();
        var dump = new List<string> { $"version={await database.StringGetAsync(parts.Keys.Version)}" };
        foreach (var kind in new[] { ListKind.Bought, ListKind.Viewed })
        {
            dump.Add($"popular:{kind}={await database.StringGetAsync(parts.Keys.Popular(kind))}");
            dump.AddRange((await database.HashGetAllAsync(parts.Keys.Lists(kind))).Select(field => $"{kind}:{field.Name}={field.Value}").Order(StringComparer.Ordinal));
        }
        dump.Add($"changes={await database.StreamLengthAsync(parts.Keys.Changes)}");
        return dump;
    }

    [Fact]
    public async Task A_lease_held_by_a_replica_that_stopped_renewing_passes_on_only_when_it_expires()
    {
        var gone = new SharedListParts(_redis, _prefix, "replica-gone");
        var next = new SharedListParts(_redis, _prefix, "replica-next");
        var database = _redis.GetDatabase();

        Assert.False(await gone.Lease.RenewAsync()); // renewing never takes a free lease
        Assert.False(await database.KeyExistsAsync(gone.Keys.Lease));
        Assert.Equal(LeaseTerm.Acquired, await gone.Lease.HoldAsync());
        Assert.Equal(LeaseTerm.Renewed, await gone.Lease.HoldAsync());
        Assert.True(await gone.Lease.RenewAsync());
        Assert.Equal(LeaseTerm.None, await next.Lease.HoldAsync());
        Assert.False(await next.Lease.RenewAsync());

        // "gone" renews no more and its lease expires (made to now, not waited for): "next" gets it,
        // and "gone" can neither take it back nor renew it.
        await database.KeyExpireAsync(gone.Keys.Lease, TimeSpan.FromMilliseconds(1));
        await OrderEvents.EventuallyAsync(async () => await next.Lease.HoldAsync() == LeaseTerm.Acquired, "the expired lease was never taken over");
        Assert.Equal(LeaseTerm.None, await gone.Lease.HoldAsync());
        Assert.False(await gone.Lease.RenewAsync());
        Assert.Equal(next.Lease.Owner, (string?)await database.StringGetAsync(next.Keys.Lease));

        await next.Lease.ReleaseAsync();
        Assert.Equal(LeaseTerm.Acquired, await gone.Lease.HoldAsync());
    }

    [Fact]
    public async Task A_builder_whose_lease_was_taken_cannot_publish_and_the_lists_stay_as_they_were()
    {
        var stale = new SharedListParts(_redis, _prefix, "replica-stale");
        Assert.Equal(LeaseTerm.Acquired, await stale.Lease.HoldAsync());
        var first = Lists(["A", "B"], ["A", "C"]);
        Assert.True(await stale.Publisher.PublishAsync(first, NeighbourIndex.Empty, generation: 1));
        var before = await DumpAsync(stale);

        // The lease expired during a long pause and another replica took it.
        await _redis.GetDatabase().StringSetAsync(stale.Keys.Lease, "replica-new/1", TimeSpan.FromMinutes(1));
        var second = Lists(["A", "B"], ["A", "C"], ["A", "D"], ["E", "F"]);

        Assert.False(await stale.Publisher.PublishAsync(second, NeighbourIndex.Empty, generation: 1)); // the changes
        Assert.Equal(before, await DumpAsync(stale));
        Assert.False(await stale.Publisher.PublishAsync(second, Lists(["X", "Y"]), generation: 1)); // after a refusal: everything
        Assert.Equal(before, await DumpAsync(stale));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(stale.Keys.Staging(ListKind.Bought, stale.Lease.Owner)));
        Assert.Equal(LeaseTerm.None, await stale.Lease.HoldAsync());
    }

    [Fact]
    public async Task A_mirror_applies_changes_in_order_and_reloads_everything_after_a_gap_or_a_reset()
    {
        var builder = new SharedListParts(_redis, _prefix, "replica-builder");
        var mirror = new SharedListParts(_redis, _prefix, "replica-mirror").Mirror;
        Assert.Equal(LeaseTerm.Acquired, await builder.Lease.HoldAsync());
        var viewed = Lists(["V1", "V2"]);

        await mirror.SyncAsync();
        Assert.False(mirror.IsLoaded); // nothing published yet

        var first = Lists(["A", "B"]);
        Assert.True(await builder.Publisher.PublishAsync(first, viewed, generation: 1)); // full: a reset entry
        await mirror.SyncAsync();
        Assert.True(mirror.IsLoaded);
        AssertSame(first, mirror.Current);
        AssertSame(viewed, mirror.Views);
        Assert.Equal((1L, 0L), (mirror.FullReloads, mirror.ChangeSyncs));

        // Changes: fetched list by list.
        var second = Lists(["A", "B"], ["A", "C"]);
        var untouched = mirror.Views.NeighboursOf("V1");
        Assert.True(await builder.Publisher.PublishAsync(second, viewed, generation: 1));
        await mirror.SyncAsync();
        AssertSame(second, mirror.Current);
        Assert.Same(untouched, mirror.Views.NeighboursOf("V1")); // not fetched again
        Assert.Equal((1L, 1L), (mirror.FullReloads, mirror.ChangeSyncs));

        // A gap: the entry after the mirror's version was trimmed; applying the next one alone would miss C–D.
        var third = Lists(["A", "B"], ["A", "C"], ["C", "D"]);
        var fourth = Lists(["A", "B"], ["A", "C"], ["C", "D"], ["E", "F"]);
        Assert.True(await builder.Publisher.PublishAsync(third, viewed, generation: 1));
        Assert.True(await builder.Publisher.PublishAsync(fourth, viewed, generation: 1));
        await _redis.GetDatabase().StreamDeleteAsync(builder.Keys.Changes, [$"{mirror.Version + 1}-0"]);
        await mirror.SyncAsync();
        AssertSame(fourth, mirror.Current);
        Assert.Equal((2L, 1L), (mirror.FullReloads, mirror.ChangeSyncs));

        // A reset (a new term of the lease): the lists are replaced whole; A's list is gone from them.
        builder.Publisher.Forget();
        var replaced = Lists(["X", "Y"]);
        Assert.True(await builder.Publisher.PublishAsync(replaced, NeighbourIndex.Empty, generation: 1));
        await mirror.SyncAsync();
        AssertSame(replaced, mirror.Current);
        AssertSame(NeighbourIndex.Empty, mirror.Views);
        Assert.Empty(mirror.Current.NeighboursOf("A"));
        Assert.Equal((3L, 1L), (mirror.FullReloads, mirror.ChangeSyncs));

        // A new generation (a rebuild) is published whole too.
        var rebuilt = Lists(["X", "Y"], ["X", "Z"]);
        Assert.True(await builder.Publisher.PublishAsync(rebuilt, NeighbourIndex.Empty, generation: 2));
        await mirror.SyncAsync();
        AssertSame(rebuilt, mirror.Current);
        Assert.Equal((4L, 1L, 2L), (mirror.FullReloads, mirror.ChangeSyncs, mirror.Generation));
    }

    [Fact]
    public async Task A_full_publish_after_redis_lost_the_last_publish_never_reuses_a_version_a_mirror_holds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(T0));
        var builder = new SharedListParts(_redis, _prefix, "replica-builder", clock);
        var mirror = new SharedListParts(_redis, _prefix, "replica-mirror").Mirror;
        Assert.Equal(LeaseTerm.Acquired, await builder.Lease.HoldAsync());
        Assert.True(await builder.Publisher.PublishAsync(Lists(["A", "B"]), NeighbourIndex.Empty, generation: 1)); // full: version T0
        var held = Lists(["A", "B"], ["A", "C"]);
        Assert.True(await builder.Publisher.PublishAsync(held, NeighbourIndex.Empty, generation: 1)); // changes: T0 + 1
        await mirror.SyncAsync();
        Assert.Equal(T0 + 1, mirror.Version);

        // Redis loses its last publish (a failover to a replica that had not received it)...
        var database = _redis.GetDatabase();
        await database.StringSetAsync(builder.Keys.Version, T0);
        await database.StreamDeleteAsync(builder.Keys.Changes, [$"{T0 + 1}-0"]);
        // ...and a moment later the lists are published whole, other lists than the mirror holds.
        clock.Advance(TimeSpan.FromSeconds(1));
        builder.Publisher.Forget();
        var next = Lists(["X", "Y"]);
        Assert.True(await builder.Publisher.PublishAsync(next, NeighbourIndex.Empty, generation: 1));

        // Had the publish reused T0 + 1, the mirror would keep "held" for good (and apply later changes to it).
        await mirror.SyncAsync();
        Assert.True(mirror.Version > T0 + 1);
        AssertSame(next, mirror.Current);
        Assert.Equal(2L, mirror.FullReloads);
    }

    [Fact]
    public async Task A_full_publish_whose_staged_lists_are_gone_is_refused_and_changes_nothing()
    {
        var connection = InterceptedRedis.Over(_redis);
        var builder = new SharedListParts(_redis, _prefix, "replica-builder", publisherRedis: connection.Connection);
        Assert.Equal(LeaseTerm.Acquired, await builder.Lease.HoldAsync());
        Assert.True(await builder.Publisher.PublishAsync(Lists(["A", "B"]), Lists(["V1", "V2"]), generation: 1));
        var before = await DumpAsync(builder);

        // A staged hash expires or is evicted between staging and the EXEC that renames it: a
        // RENAME failing inside EXEC would not undo the version, rankings and reset entry around it.
        connection.BeforeTransaction = () => _redis.GetDatabase().KeyDelete(builder.Keys.Staging(ListKind.Bought, builder.Lease.Owner));
        builder.Publisher.Forget();

        Assert.False(await builder.Publisher.PublishAsync(Lists(["X", "Y"]), Lists(["V3", "V4"]), generation: 1));
        Assert.Equal(before, await DumpAsync(builder));
        Assert.False(await _redis.GetDatabase().KeyExistsAsync(builder.Keys.Staging(ListKind.Viewed, builder.Lease.Owner)));
    }
}
