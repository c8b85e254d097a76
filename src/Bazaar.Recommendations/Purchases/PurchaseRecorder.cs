using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Recommendations.Purchases;

/// <summary>Counts a purchase into co-purchase pairs and popularity, once per order: the order id
/// goes into the inbox in the same transaction as the counts.</summary>
internal sealed class PurchaseRecorder(Database database, TimeProvider clock)
{
    /// <summary>False when the order was already counted (a redelivery); nothing changes then.</summary>
    public async Task<bool> RecordAsync(Guid orderId, IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        var first = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO processed_orders (order_id, processed_at) VALUES (@orderId, @now) ON CONFLICT (order_id) DO NOTHING",
            new { orderId, now = clock.GetUtcNow() }, transaction, cancellationToken: cancellationToken));
        if (first == 0) return false;

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO popularity (sku, purchases) VALUES (@Sku, 1) ON CONFLICT (sku) DO UPDATE SET purchases = purchases + 1",
            distinct.Select(sku => new { Sku = sku }), transaction, cancellationToken: cancellationToken));
        var pairs = from sku in distinct from other in distinct where sku != other select new { Sku = sku, Other = other };
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO co_purchases (sku, other_sku, together) VALUES (@Sku, @Other, 1) ON CONFLICT (sku, other_sku) DO UPDATE SET together = together + 1",
            pairs, transaction, cancellationToken: cancellationToken));

        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
