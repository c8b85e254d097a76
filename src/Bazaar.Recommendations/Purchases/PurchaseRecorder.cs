using System.Data.Common;
using Bazaar.Recommendations.Model;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Purchases;

/// <summary>Counts a paid order into the decayed purchase and co-purchase weights and the buyer's
/// history: it reads the rows the order touches, adds the order to them
/// (<see cref="CoPurchaseCounts.Record"/>, the same code the offline evaluation runs) and writes them
/// back stamped with the model's next version. It
/// writes in the caller's connection and transaction, the event inbox's: the counts commit with the
/// record that the event was handled, so a redelivered order is never counted twice.</summary>
internal sealed class PurchaseRecorder(IOptions<RecommendationOptions> options)
{
    /// <param name="userId">The buyer, whose history "for you" reads; <see cref="Guid.Empty"/> (an
    /// event without one) counts the order for the products only.</param>
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, Guid userId, IReadOnlyList<string> skus, long paidAt, CancellationToken cancellationToken)
    {
        var (distinct, _) = CoPurchaseCounts.Shape(skus);
        var counts = new CoPurchaseCounts(options.Value.HalfLife);
        var key = new { skus = distinct };
        foreach (var row in await connection.QueryAsync<WeightRow>(new CommandDefinition(
            "SELECT sku AS Sku, weight AS Weight, as_of AS AsOf FROM item_sales WHERE sku IN @skus", key, transaction, cancellationToken: cancellationToken)))
        {
            counts.SetItem(row.Sku, new DecayedWeight(row.Weight, row.AsOf));
        }
        foreach (var row in await connection.QueryAsync<WeightRow>(new CommandDefinition(
            "SELECT first_sku AS Sku, second_sku AS Other, weight AS Weight, as_of AS AsOf FROM pair_sales WHERE first_sku IN @skus AND second_sku IN @skus",
            key, transaction, cancellationToken: cancellationToken)))
        {
            counts.SetPair(new SkuPair(row.Sku, row.Other), new DecayedWeight(row.Weight, row.AsOf));
        }

        counts.Record(distinct, paidAt);

        // The rows carry the new version, so the in-memory lists re-read only them.
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "UPDATE model_state SET version = version + 1 RETURNING version", transaction: transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO item_sales (sku, weight, as_of, version) VALUES (@Sku, @Weight, @AsOf, @Version) ON CONFLICT (sku) DO UPDATE SET weight = excluded.weight, as_of = excluded.as_of, version = excluded.version",
            counts.Items.Select(item => new { Sku = item.Key, Weight = item.Value.Value, item.Value.AsOf, Version = version }), transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO pair_sales (first_sku, second_sku, weight, as_of, version) VALUES (@First, @Second, @Weight, @AsOf, @Version)
            ON CONFLICT (first_sku, second_sku) DO UPDATE SET weight = excluded.weight, as_of = excluded.as_of, version = excluded.version
            """,
            counts.Pairs.Select(pair => new { pair.Key.First, pair.Key.Second, Weight = pair.Value.Value, pair.Value.AsOf, Version = version }),
            transaction, cancellationToken: cancellationToken));
        if (userId != Guid.Empty)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_purchases (user_id, sku, paid_at) VALUES (@UserId, @Sku, @PaidAt) ON CONFLICT (user_id, sku) DO UPDATE SET paid_at = MAX(paid_at, excluded.paid_at)",
                distinct.Select(sku => new { UserId = userId, Sku = sku, PaidAt = paidAt }), transaction, cancellationToken: cancellationToken));
        }
    }
}
