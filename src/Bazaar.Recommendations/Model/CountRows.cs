using System.Data.Common;
using Dapper;

namespace Bazaar.Recommendations.Model;

/// <summary>Where one kind of counts is stored: purchases or views. Each table pair has the same
/// shape (see migrations 3 and 5), so one piece of code reads and writes both.</summary>
internal sealed record CountTables(string Items, string Pairs)
{
    public static CountTables Sales { get; } = new("item_sales", "pair_sales");

    public static CountTables Views { get; } = new("item_views", "pair_views");
}

/// <summary>Stored weight rows of one kind: products and pairs.</summary>
internal sealed record StoredCounts(IReadOnlyList<WeightRow> Items, IReadOnlyList<WeightRow> Pairs);

/// <summary>Reads stored decayed weights into <see cref="CoPurchaseCounts"/> and writes them back
/// stamped with the model's next version, in the caller's connection and transaction.</summary>
internal static class CountRows
{
    /// <summary>The item rows of <paramref name="skus"/> and the pair rows among them.</summary>
    public static async Task<CoPurchaseCounts> LoadAsync(
        DbConnection connection, DbTransaction? transaction, CountTables tables, IReadOnlyCollection<string> skus, TimeSpan halfLife, CancellationToken cancellationToken)
    {
        var counts = new CoPurchaseCounts(halfLife);
        var key = new { skus };
        var items = await connection.QueryAsync<WeightRow>(new CommandDefinition(
            $"SELECT sku AS Sku, weight AS Weight, as_of AS AsOf FROM {tables.Items} WHERE sku IN @skus", key, transaction, cancellationToken: cancellationToken));
        var pairs = await connection.QueryAsync<WeightRow>(new CommandDefinition(
            $"SELECT first_sku AS Sku, second_sku AS Other, weight AS Weight, as_of AS AsOf FROM {tables.Pairs} WHERE first_sku IN @skus AND second_sku IN @skus",
            key, transaction, cancellationToken: cancellationToken));
        Apply(counts, new StoredCounts(items.AsList(), pairs.AsList()));
        return counts;
    }

    /// <summary>Writes the weights that <paramref name="counts"/> recorded (not every row it loaded),
    /// stamped with the model's next version, so the in-memory lists re-read only these rows.</summary>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, CountTables tables, CoPurchaseCounts counts, CancellationToken cancellationToken)
    {
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE model_state SET version = version + 1 RETURNING version", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO {tables.Items} (sku, weight, as_of, version) VALUES (@Sku, @Weight, @AsOf, @Version) ON CONFLICT (sku) DO UPDATE SET weight = excluded.weight, as_of = excluded.as_of, version = excluded.version",
            counts.RecordedItems.Select(sku => new { Sku = sku, Weight = counts.Items[sku].Value, counts.Items[sku].AsOf, Version = version }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO {tables.Pairs} (first_sku, second_sku, weight, as_of, version) VALUES (@First, @Second, @Weight, @AsOf, @Version)
            ON CONFLICT (first_sku, second_sku) DO UPDATE SET weight = excluded.weight, as_of = excluded.as_of, version = excluded.version
            """,
            counts.RecordedPairs.Select(pair => new { pair.First, pair.Second, Weight = counts.Pairs[pair].Value, counts.Pairs[pair].AsOf, Version = version }),
            transaction, cancellationToken: cancellationToken));
    }

    /// <summary>The rows of <paramref name="tables"/> stamped after <paramref name="sinceVersion"/>.</summary>
    public static async Task<StoredCounts> ChangedAsync(
        DbConnection connection, CountTables tables, long sinceVersion, CancellationToken cancellationToken)
    {
        var since = new { sinceVersion };
        var items = await connection.QueryAsync<WeightRow>(new CommandDefinition(
            $"SELECT sku AS Sku, weight AS Weight, as_of AS AsOf FROM {tables.Items} WHERE version > @sinceVersion", since, cancellationToken: cancellationToken));
        var pairs = await connection.QueryAsync<WeightRow>(new CommandDefinition(
            $"SELECT first_sku AS Sku, second_sku AS Other, weight AS Weight, as_of AS AsOf FROM {tables.Pairs} WHERE version > @sinceVersion",
            since, cancellationToken: cancellationToken));
        return new StoredCounts(items.AsList(), pairs.AsList());
    }

    /// <summary>Applies stored rows to <paramref name="counts"/>.</summary>
    public static void Apply(CoPurchaseCounts counts, StoredCounts rows)
    {
        foreach (var row in rows.Items) counts.SetItem(row.Sku, new DecayedWeight(row.Weight, row.AsOf));
        foreach (var row in rows.Pairs) counts.SetPair(new SkuPair(row.Sku, row.Other), new DecayedWeight(row.Weight, row.AsOf));
    }
}
