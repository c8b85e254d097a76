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
        var counts = await CountRows.LoadAsync(connection, transaction, CountTables.Sales, distinct, options.Value.HalfLife, cancellationToken);
        counts.Record(distinct, paidAt);
        await CountRows.WriteAsync(connection, transaction, CountTables.Sales, counts, cancellationToken);
        if (userId != Guid.Empty)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO user_purchases (user_id, sku, paid_at) VALUES (@UserId, @Sku, @PaidAt) ON CONFLICT (user_id, sku) DO UPDATE SET paid_at = MAX(paid_at, excluded.paid_at)",
                distinct.Select(sku => new { UserId = userId, Sku = sku, PaidAt = paidAt }), transaction, cancellationToken: cancellationToken));
        }
    }
}
