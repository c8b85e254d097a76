using System.Data.Common;
using Dapper;

namespace Bazaar.Recommendations.Purchases;

/// <summary>Counts a purchase into co-purchase pairs and popularity. It writes in the caller's
/// connection and transaction, the event inbox's: the counts commit with the record that the
/// event was handled, so a redelivered order is never counted twice.</summary>
internal sealed class PurchaseRecorder
{
    public async Task RecordAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO popularity (sku, purchases) VALUES (@Sku, 1) ON CONFLICT (sku) DO UPDATE SET purchases = purchases + 1",
            distinct.Select(sku => new { Sku = sku }), transaction, cancellationToken: cancellationToken));
        var pairs = from sku in distinct from other in distinct where sku != other select new { Sku = sku, Other = other };
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO co_purchases (sku, other_sku, together) VALUES (@Sku, @Other, 1) ON CONFLICT (sku, other_sku) DO UPDATE SET together = together + 1",
            pairs, transaction, cancellationToken: cancellationToken));
    }
}
