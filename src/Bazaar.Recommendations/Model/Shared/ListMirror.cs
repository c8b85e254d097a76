using System.Diagnostics.Metrics;
using StackExchange.Redis;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>The lists this replica answers from when they are shared through Redis: an in-memory
/// copy of what the builder published, so a request never calls Redis. <see cref="SyncAsync"/>
/// (every refresh interval) reads the version; when it moved, it reads the change entries after
/// the last one applied and fetches just the lists they name. A reset entry, a new generation or a
/// gap (the entries it needs were trimmed) reloads everything instead. Each read is one MULTI/EXEC,
/// so a copy is always one published state, never a mix of two (a request that reads both
/// <see cref="Current"/> and <see cref="Views"/> may still read them one sync apart; see
/// <see cref="IModelLists"/>).</summary>
internal sealed class ListMirror(IConnectionMultiplexer redis, RedisLists keys, IMeterFactory meters) : IModelLists
{
    private static readonly ListKind[] Kinds = [ListKind.Bought, ListKind.Viewed];

    private readonly Counter<long> _syncs = meters.Create("Bazaar.Recommendations")
        .CreateCounter<long>("bazaar.recommendations.lists.syncs", "{sync}", "Syncs of the in-memory lists with Redis by kind (full reload, changes)");

    private volatile Copy? _copy; // null until the first published model is loaded
    private long _fullReloads;
    private long _changeSyncs;

    /// <summary>One published state: both kinds of lists, and the version and generation they are at.</summary>
    private sealed record Copy(NeighbourIndex Bought, NeighbourIndex Viewed, long Version, long Generation);

    public NeighbourIndex Current => _copy?.Bought ?? NeighbourIndex.Empty;

    public NeighbourIndex Views => _copy?.Viewed ?? NeighbourIndex.Empty;

    public bool IsLoaded => _copy is not null;

    /// <summary>The version of the lists in memory; 0 before the first load.</summary>
    public long Version => _copy?.Version ?? 0;

    /// <summary>The generation (rebuild) of the lists in memory.</summary>
    public long Generation => _copy?.Generation ?? 0;

    /// <summary>Times every list was read (the first load included).</summary>
    public long FullReloads => Interlocked.Read(ref _fullReloads);

    /// <summary>Times only the changed lists were read.</summary>
    public long ChangeSyncs => Interlocked.Read(ref _changeSyncs);

    /// <summary>Brings the copy up to what Redis holds; called by one loop, one sync at a time.
    /// Nothing published yet leaves it empty (and the replica not ready). Redis errors propagate;
    /// the copy stays as it was.</summary>
    public async Task SyncAsync()
    {
        var database = redis.GetDatabase();
        var version = (long?)await database.StringGetAsync(keys.Version);
        var copy = _copy;
        if (version is null || version == copy?.Version) return;
        // Below ours: Redis lost its data and the lists were published anew.
        if (copy is null || version < copy.Version)
        {
            await ReloadAsync(database);
            return;
        }
        var entries = (await database.StreamRangeAsync(keys.Changes, $"{copy.Version + 1}-0", "+")).Select(ChangeEntry.Read).ToList();
        var follows = entries.Count > 0
            && entries.Select((entry, i) => entry.Version == copy.Version + 1 + i && !entry.Reset && entry.Generation == copy.Generation).All(ok => ok);
        if (follows) await ApplyAsync(database, copy, entries);
        else await ReloadAsync(database);
    }

    /// <summary>Fetches the lists the entries name, in a transaction that holds only if no publish
    /// came after the last entry; if one did, the next sync reads it too.</summary>
    private async Task ApplyAsync(IDatabase database, Copy copy, List<ChangeEntry> entries)
    {
        var last = entries[^1].Version;
        var transaction = database.CreateTransaction();
        transaction.AddCondition(Condition.StringEqual(keys.Version, last));
        var reads = Kinds.ToDictionary(kind => kind, kind =>
        {
            var skus = entries.SelectMany(entry => entry.Skus(kind)).Distinct(StringComparer.Ordinal).ToArray();
            var popular = entries.Any(entry => entry.Popular.Contains(kind)) ? transaction.StringGetAsync(keys.Popular(kind)) : null;
            return (Skus: skus, Lists: skus.Length == 0 ? null : transaction.HashGetAsync(keys.Lists(kind), [.. skus.Select(sku => (RedisValue)sku)]), Popular: popular);
        });
        if (!await transaction.ExecuteAsync()) return;

        async Task<NeighbourIndex> Next(ListKind kind, NeighbourIndex index)
        {
            var (skus, lists, popular) = reads[kind];
            var values = lists is null ? [] : await lists;
            var changed = skus.Select((sku, i) => KeyValuePair.Create(sku, ListFormat.Neighbours(values[i])));
            return index.With(changed, popular is null ? index.Popular : ListFormat.Popular(await popular));
        }
        _copy = new Copy(await Next(ListKind.Bought, copy.Bought), await Next(ListKind.Viewed, copy.Viewed), last, copy.Generation);
        Interlocked.Increment(ref _changeSyncs);
        _syncs.Add(1, new KeyValuePair<string, object?>("kind", "changes"));
    }

    /// <summary>Reads every list, both rankings, the version and the generation in one transaction.</summary>
    private async Task ReloadAsync(IDatabase database)
    {
        var transaction = database.CreateTransaction();
        var version = transaction.StringGetAsync(keys.Version);
        var generation = transaction.StringGetAsync(keys.Generation);
        var lists = Kinds.ToDictionary(kind => kind, kind => transaction.HashGetAllAsync(keys.Lists(kind)));
        var popular = Kinds.ToDictionary(kind => kind, kind => transaction.StringGetAsync(keys.Popular(kind)));
        await transaction.ExecuteAsync();
        if ((long?)await version is not { } at) return; // gone meanwhile (Redis was emptied)

        async Task<NeighbourIndex> Load(ListKind kind) => NeighbourIndex.Empty.With(
            (await lists[kind]).Select(field => KeyValuePair.Create((string)field.Name!, ListFormat.Neighbours(field.Value))),
            ListFormat.Popular(await popular[kind]));
        _copy = new Copy(await Load(ListKind.Bought), await Load(ListKind.Viewed), at, (long?)await generation ?? 0);
        Interlocked.Increment(ref _fullReloads);
        _syncs.Add(1, new KeyValuePair<string, object?>("kind", "full"));
    }
}
