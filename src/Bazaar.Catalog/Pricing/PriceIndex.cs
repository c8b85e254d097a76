using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Catalog.Pricing;

/// <summary>Each SKU's current price as a number, with the moment it next may change (the nearest
/// window start or end after now), so the listing can sort and filter by price through an index.
/// It is derived from <see cref="CurrentPrice"/>: rewritten in the same transaction as every price
/// or product write, refreshed by <see cref="PriceIndexRefresher"/> when a window opens or closes,
/// and brought up to date by the listing itself before it reads (the refresher may be seconds behind).
/// Detail and quote never use it; they compute the price live.</summary>
internal sealed class PriceIndex(Database database, TimeProvider clock)
{
    // The unary + keeps SQLite from answering "valid_to > @Now" with ix_prices_valid_to: that scans
    // every price row with a future end for each SKU, where the SKU's own few rows, through
    // ix_prices_sku_seq, are all it needs (each price write got slower the more sales there were).
    public static string RefreshSql(string where) => $"""
        INSERT OR REPLACE INTO current_prices (sku, product_id, amount, changes_at)
        SELECT p.sku, p.id, CAST({CurrentPrice.Amount} AS REAL),
               (SELECT MIN(boundary) FROM (
                    SELECT valid_from AS boundary FROM prices WHERE sku = p.sku AND +valid_from > @Now
                    UNION ALL SELECT valid_to FROM prices WHERE sku = p.sku AND +valid_to > @Now))
        FROM products p {CurrentPrice.Join}
        WHERE {where}
        """;

    private static readonly string ForSkus = RefreshSql("p.sku IN @Skus");
    private static readonly string Due = RefreshSql("p.sku IN (SELECT sku FROM current_prices WHERE changes_at <= @Now)");

    /// <summary>Recomputes these SKUs inside the caller's transaction.</summary>
    public static Task RefreshAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(ForSkus, new { Skus = skus, Now = now }, transaction, cancellationToken: cancellationToken));

    /// <summary>Recomputes the SKUs whose price window opened or closed since they were computed.</summary>
    public async Task<int> RefreshDueAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await RefreshDueAsync(connection, clock.GetUtcNow(), cancellationToken);
    }

    /// <summary>Brings the index up to <paramref name="now"/>, so that a listing read at the same
    /// instant sorts, filters and shows the current price even when a window closed since the last
    /// <see cref="PriceIndexRefresher"/> tick. Writes only when something is due; the look for due
    /// rows is one probe of the <c>changes_at</c> index, so a fresh index costs readers nothing more.</summary>
    public static async Task<int> RefreshDueAsync(DbConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM current_prices WHERE changes_at <= @Now)", new { Now = now }, cancellationToken: cancellationToken)))
        {
            return 0;
        }
        return await connection.ExecuteAsync(new CommandDefinition(Due, new { Now = now }, cancellationToken: cancellationToken));
    }
}
