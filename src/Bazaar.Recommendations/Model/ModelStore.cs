using Bazaar.Messaging.Transport;
using Bazaar.Platform.Data;
using Bazaar.Recommendations.Purchases;
using Bazaar.Recommendations.Rebuild;
using Dapper;

namespace Bazaar.Recommendations.Model;

/// <summary>A stored decayed weight.</summary>
internal sealed class WeightRow
{
    public string Sku { get; init; } = "";
    public string Other { get; init; } = "";
    public double Weight { get; init; }
    public long AsOf { get; init; }
}

/// <summary>Where the stored counts are: <see cref="Version"/> moves on with every handled order
/// (whose rows carry it), <see cref="Generation"/> with every rebuild (which deletes rows).
/// <see cref="Complete"/>: the generation's purchase counts hold every order up to the rebuild's
/// start, so its lists may replace the previous generation's (always true without a rebuild).</summary>
internal sealed record ModelState(long Version, long Generation, bool Complete = true);

/// <summary>The purchase and view rows changed after given versions, and the version and
/// generation they were read at.</summary>
internal sealed record ModelChanges(long Version, long Generation, StoredCounts Sales, StoredCounts Views);

/// <summary>Where the in-memory lists read the stored counts from (<see cref="ModelStore"/>).</summary>
internal interface IModelSource
{
    Task<ModelState> StateAsync(CancellationToken cancellationToken);

    Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken);

    /// <summary>Deletes the stored view rows the in-memory counts forgot (<see cref="CoPurchaseCounts.Prune"/>),
    /// each only if it still holds the weight forgotten.</summary>
    Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken);
}

/// <summary>Reads the counts (<c>item_sales</c>, <c>pair_sales</c>, and the views' <c>item_views</c>,
/// <c>pair_views</c>) for the in-memory lists, and clears the purchase counts for a rebuild.</summary>
internal sealed class ModelStore(Database database, IEventTransport transport) : IModelSource
{
    private sealed class StateRow
    {
        public long Version { get; init; }
        public long Generation { get; init; }
        public bool RewindPending { get; init; }
        public long? CatchUpTo { get; init; }
    }

    private const string StateSql =
        "SELECT version AS Version, generation AS Generation, rewind_pending AS RewindPending, catch_up_to AS CatchUpTo FROM model_state";

    /// <summary>The state. Completeness is checked against the stream before any row is read:
    /// the consumer commits its position only after the event's counts committed, so rows read
    /// after the group reached the target hold every order up to it.</summary>
    public async Task<ModelState> StateAsync(CancellationToken cancellationToken)
    {
        StateRow row;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            row = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, cancellationToken: cancellationToken));
        }
        // Before the rewind the group's positions are the old ones, past the target already.
        var complete = row.CatchUpTo is not { } target
            || (!row.RewindPending && await transport.HasReachedAsync(ModelRebuild.Stream, OrderPaidHandler.Group, target, cancellationToken));
        return new ModelState(row.Version, row.Generation, complete);
    }

    /// <summary>The version and generation, then the rows stamped after the given versions. A
    /// write between the reads shows up now and again next time (rows are values, not increments,
    /// so applying one twice is harmless); a write the version counts is always among the rows, as
    /// its rows and its version commit together.</summary>
    public async Task<ModelChanges> ChangesAsync(long salesSince, long viewsSince, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var state = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, cancellationToken: cancellationToken));
        var sales = await CountRows.ChangedAsync(connection, CountTables.Sales, salesSince, cancellationToken);
        var views = await CountRows.ChangedAsync(connection, CountTables.Views, viewsSince, cancellationToken);
        return new ModelChanges(state.Version, state.Generation, sales, views);
    }

    /// <summary>Rows deleted per transaction, so the write lock is never held long.</summary>
    public const int ForgetBatch = 500;

    /// <summary>In transactions of <see cref="ForgetBatch"/> rows. A row the view writer changed
    /// since it was read (another weight or time) is left: it counted again, and the in-memory
    /// lists read it back with its new version.</summary>
    public async Task ForgetViewsAsync(StoredCounts faded, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var rows in faded.Items.Chunk(ForgetBatch))
        {
            await DeleteAsync(connection, "DELETE FROM item_views WHERE sku = @Sku AND weight = @Weight AND as_of = @AsOf", rows, cancellationToken);
        }
        foreach (var rows in faded.Pairs.Chunk(ForgetBatch))
        {
            await DeleteAsync(connection, "DELETE FROM pair_views WHERE first_sku = @Sku AND second_sku = @Other AND weight = @Weight AND as_of = @AsOf", rows, cancellationToken);
        }
    }

    private static async Task DeleteAsync(System.Data.Common.DbConnection connection, string sql, WeightRow[] rows, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(sql, rows, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Forgets every purchase count, every user's purchases and which events of <paramref name="group"/>
    /// were handled, and records the rebuild's intent (a rewind pending, the position the replay
    /// must reach), in one transaction; answers the new generation. Views are not in the event
    /// log, so their counts stay.</summary>
    public async Task<long> ClearAsync(string group, long catchUpTo, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var generation = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            DELETE FROM item_sales;
            DELETE FROM pair_sales;
            DELETE FROM user_purchases;
            DELETE FROM inbox WHERE consumer_group = @group;
            UPDATE model_state SET version = version + 1, generation = generation + 1, rewind_pending = 1, catch_up_to = @catchUpTo
            RETURNING generation;
            """, new { group, catchUpTo }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return generation;
    }

    /// <summary>The generation whose rewind is still pending, if any.</summary>
    public async Task<long?> PendingRewindAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT generation FROM model_state WHERE rewind_pending = 1", cancellationToken: cancellationToken));
    }

    /// <summary>Records that the group was rewound for <paramref name="generation"/>; a later
    /// rebuild's intent (another generation) is left pending.</summary>
    public async Task RewoundAsync(long generation, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE model_state SET rewind_pending = 0 WHERE generation = @generation", new { generation }, cancellationToken: cancellationToken));
    }
}
