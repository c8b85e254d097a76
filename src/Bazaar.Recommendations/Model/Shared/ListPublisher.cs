using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>Writes the builder's lists to Redis. Each publish is one MULTI/EXEC that holds only if
/// this replica still holds the lease and Redis is at the version this replica last wrote, so a
/// builder that lost its lease (a long pause, a partition) can never overwrite its successor's
/// lists. It moves the version on and appends a <see cref="ChangeEntry"/> in the same transaction.
/// The first publish of a term, and the first of a new generation, is full: the lists are staged
/// under keys of this replica's own, then renamed over the live ones atomically (the transaction
/// also holds only if every staged key is still there), so a reader never sees half a model.
/// After that only the lists that changed are written.</summary>
internal sealed partial class ListPublisher(
    IConnectionMultiplexer redis, RedisLists keys, ListLease lease, IOptions<RedisListOptions> options, TimeProvider time, IMeterFactory meters, ILogger<ListPublisher> logger)
{
    private const int StagingBatch = 500;

    // A builder that dies while staging leaves nothing behind for long.
    private static readonly TimeSpan StagingLifetime = TimeSpan.FromMinutes(10);

    private static readonly ListKind[] Kinds = [ListKind.Bought, ListKind.Viewed];

    private readonly Counter<long> _publishes = meters.Create("Bazaar.Recommendations")
        .CreateCounter<long>("bazaar.recommendations.lists.publishes", "{publish}", "Publishes of the shared lists to Redis by kind (full, changes) and refusals");

    private Published? _published;

    /// <summary>What Redis holds since this replica's last publish.</summary>
    private sealed record Published(NeighbourIndex Bought, NeighbourIndex Viewed, long Version, long Generation);

    /// <summary>Makes the next publish a full one (a new term of the lease).</summary>
    public void Forget() => _published = null;

    /// <summary>Publishes what changed since the last publish, or everything when this replica
    /// has published nothing yet in this term or <paramref name="generation"/> is new. False
    /// when Redis refused it: the lease has passed to another replica, the lists in Redis are not
    /// the ones this replica wrote last, or a full publish's staged lists are gone; the next
    /// publish is then full.</summary>
    public Task<bool> PublishAsync(NeighbourIndex bought, NeighbourIndex viewed, long generation) =>
        _published is { } last && last.Generation == generation
            ? PublishChangesAsync(last, bought, viewed)
            : PublishAllAsync(bought, viewed, generation);

    private async Task<bool> PublishChangesAsync(Published last, NeighbourIndex bought, NeighbourIndex viewed)
    {
        // Most refreshes change nothing and hand over the very snapshots last published: no need to walk every list.
        if (ReferenceEquals(last.Bought, bought) && ReferenceEquals(last.Viewed, viewed)) return true;
        var changes = new Dictionary<ListKind, ListChanges>
        {
            [ListKind.Bought] = ListChanges.Between(last.Bought, bought),
            [ListKind.Viewed] = ListChanges.Between(last.Viewed, viewed),
        };
        if (changes.Values.All(c => c.IsEmpty)) return true;

        var version = last.Version + 1;
        var transaction = Conditioned(last.Version);
        var writes = new List<Task>();
        foreach (var kind in Kinds)
        {
            var change = changes[kind];
            var set = change.Lists.Where(l => l.Value.Count > 0).Select(l => new HashEntry(l.Key, ListFormat.Write(l.Value))).ToArray();
            var removed = change.Lists.Where(l => l.Value.Count == 0).Select(l => (RedisValue)l.Key).ToArray();
            if (set.Length > 0) writes.Add(transaction.HashSetAsync(keys.Lists(kind), set));
            if (removed.Length > 0) writes.Add(transaction.HashDeleteAsync(keys.Lists(kind), removed));
            if (change.PopularChanged) writes.Add(transaction.StringSetAsync(keys.Popular(kind), ListFormat.Write(IndexOf(kind, bought, viewed).Popular)));
        }
        var entry = new ChangeEntry(version, last.Generation, Reset: false,
            [.. changes[ListKind.Bought].Lists.Keys], [.. changes[ListKind.Viewed].Lists.Keys], [.. Kinds.Where(kind => changes[kind].PopularChanged)]);
        writes.Add(transaction.StringSetAsync(keys.Version, version));
        writes.Add(transaction.StreamAddAsync(keys.Changes, entry.Fields(), entry.Id, options.Value.ChangesKept, useApproximateMaxLength: true));
        return await CommitAsync(transaction, writes, new Published(bought, viewed, version, last.Generation), "changes");
    }

    private async Task<bool> PublishAllAsync(NeighbourIndex bought, NeighbourIndex viewed, long generation)
    {
        var database = redis.GetDatabase();
        var current = (long?)await database.StringGetAsync(keys.Version);
        // A full publish's version comes from the clock (ms) unless Redis is already past it. If
        // Redis lost its last publishes (a failover to a lagging replica, a restore), current + 1
        // may be a version a mirror holds with other contents: it would keep them for good.
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var version = current is { } at ? Math.Max(at + 1, now) : now;
        foreach (var kind in Kinds) await StageAsync(database, kind, IndexOf(kind, bought, viewed));

        var transaction = Conditioned(current);
        var writes = new List<Task>();
        foreach (var kind in Kinds)
        {
            var index = IndexOf(kind, bought, viewed);
            if (index.Lists.Count == 0)
            {
                writes.Add(transaction.KeyDeleteAsync(keys.Lists(kind))); // nothing staged: a rename would fail
            }
            else
            {
                // A RENAME that fails inside EXEC (its staging key expired or was evicted) would not
                // undo the rest: the transaction holds only if the key is there.
                transaction.AddCondition(Condition.KeyExists(keys.Staging(kind, lease.Owner)));
                writes.Add(transaction.KeyRenameAsync(keys.Staging(kind, lease.Owner), keys.Lists(kind)));
                writes.Add(transaction.KeyPersistAsync(keys.Lists(kind))); // a rename carries the staging key's expiry over
            }
            writes.Add(transaction.StringSetAsync(keys.Popular(kind), ListFormat.Write(index.Popular)));
        }
        var entry = new ChangeEntry(version, generation, Reset: true, [], [], []);
        writes.Add(transaction.StringSetAsync(keys.Generation, generation));
        writes.Add(transaction.StringSetAsync(keys.Version, version));
        // Older entries describe lists that are gone; a mirror behind them reloads everything anyway.
        writes.Add(transaction.KeyDeleteAsync(keys.Changes));
        writes.Add(transaction.StreamAddAsync(keys.Changes, entry.Fields(), entry.Id));
        await lease.RenewAsync(); // staging may have taken a while: keep the lease from lapsing just before the EXEC
        if (await CommitAsync(transaction, writes, new Published(bought, viewed, version, generation), "full")) return true;
        await database.KeyDeleteAsync([.. Kinds.Select(kind => keys.Staging(kind, lease.Owner))]);
        return false;
    }

    private async Task StageAsync(IDatabase database, ListKind kind, NeighbourIndex index)
    {
        var staging = keys.Staging(kind, lease.Owner);
        await database.KeyDeleteAsync(staging);
        foreach (var batch in index.Lists.Chunk(StagingBatch))
        {
            // Together, so the key never exists without its expiry (a builder dying between two calls).
            var transaction = database.CreateTransaction();
            var written = transaction.HashSetAsync(staging, [.. batch.Select(l => new HashEntry(l.Key, ListFormat.Write(l.Value)))]);
            var expiring = transaction.KeyExpireAsync(staging, StagingLifetime);
            await transaction.ExecuteAsync();
            await Task.WhenAll(written, expiring);
        }
    }

    /// <summary>A transaction that holds only while this replica holds the lease and Redis is at <paramref name="version"/>.</summary>
    private ITransaction Conditioned(long? version)
    {
        var transaction = redis.GetDatabase().CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(keys.Lease, lease.Owner));
        transaction.AddCondition(version is { } at ? Condition.StringEqual(keys.Version, at) : Condition.KeyNotExists(keys.Version));
        return transaction;
    }

    private async Task<bool> CommitAsync(ITransaction transaction, List<Task> writes, Published next, string kind)
    {
        _published = null; // until it is known what Redis holds
        if (!await transaction.ExecuteAsync())
        {
            _publishes.Add(1, new KeyValuePair<string, object?>("kind", "refused"));
            LogRefused(next.Version);
            return false;
        }
        await Task.WhenAll(writes); // a command that failed inside EXEC surfaces here
        _published = next;
        _publishes.Add(1, new KeyValuePair<string, object?>("kind", kind));
        return true;
    }

    private static NeighbourIndex IndexOf(ListKind kind, NeighbourIndex bought, NeighbourIndex viewed) => kind == ListKind.Bought ? bought : viewed;

    [LoggerMessage(LogLevel.Information, "Redis refused version {Version} of the lists: this replica no longer holds the builder's lease, the lists there are not the ones it wrote last, or its staged lists are gone.")]
    private partial void LogRefused(long version);
}
