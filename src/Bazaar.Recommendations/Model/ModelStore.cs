using Bazaar.Platform.Data;
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
/// (whose rows carry it), <see cref="Generation"/> with every rebuild (which deletes rows).</summary>
internal sealed record ModelState(long Version, long Generation);

/// <summary>The purchase and view rows changed after a version, and the state they were read at.</summary>
internal sealed record ModelChanges(ModelState State, StoredCounts Sales, StoredCounts Views);

/// <summary>Where the in-memory lists read the stored counts from (<see cref="ModelStore"/>).</summary>
internal interface IModelSource
{
    Task<ModelState> StateAsync(CancellationToken cancellationToken);

    Task<ModelChanges> ChangesAsync(long sinceVersion, CancellationToken cancellationToken);
}

/// <summary>Reads the counts (<c>item_sales</c>, <c>pair_sales</c>, and the views' <c>item_views</c>,
/// <c>pair_views</c>) for the in-memory lists, and clears the purchase counts for a rebuild.</summary>
internal sealed class ModelStore(Database database) : IModelSource
{
    private sealed class StateRow
    {
        public long Version { get; init; }
        public long Generation { get; init; }
    }

    private const string StateSql = "SELECT version AS Version, generation AS Generation FROM model_state";

    public async Task<ModelState> StateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, cancellationToken: cancellationToken));
        return new ModelState(row.Version, row.Generation);
    }

    /// <summary>The state, then the rows stamped after <paramref name="sinceVersion"/>. A write
    /// between the two reads shows up now and again next time (rows are values, not increments, so
    /// applying one twice is harmless); a write the state counts is always among the rows, as its
    /// rows and its version commit together.</summary>
    public async Task<ModelChanges> ChangesAsync(long sinceVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var state = await connection.QuerySingleAsync<StateRow>(new CommandDefinition(StateSql, cancellationToken: cancellationToken));
        var sales = await CountRows.ChangedAsync(connection, CountTables.Sales, sinceVersion, cancellationToken);
        var views = await CountRows.ChangedAsync(connection, CountTables.Views, sinceVersion, cancellationToken);
        return new ModelChanges(new ModelState(state.Version, state.Generation), sales, views);
    }

    /// <summary>Forgets every purchase count, every user's purchases and which events of <paramref name="group"/>
    /// were handled, in one transaction, so replaying the stream from the start counts every order
    /// once again; the in-memory lists start over. Views are not in the event log, so their counts
    /// stay (the lists reload them with the new generation).</summary>
    public async Task ClearAsync(string group, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM item_sales;
            DELETE FROM pair_sales;
            DELETE FROM user_purchases;
            DELETE FROM inbox WHERE consumer_group = @group;
            UPDATE model_state SET version = version + 1, generation = generation + 1;
            """, new { group }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }
}
