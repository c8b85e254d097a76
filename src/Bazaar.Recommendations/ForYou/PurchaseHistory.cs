using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Recommendations.ForYou;

/// <summary>A product a user bought, and when last (unix ms).</summary>
internal sealed class Purchase
{
    public string Sku { get; init; } = "";
    public long PaidAt { get; init; }
}

/// <summary>Reads a user's purchases (<c>user_purchases</c>, written with the counts by the order-paid handler).</summary>
internal sealed class PurchaseHistory(Database database)
{
    /// <summary>Everything <paramref name="userId"/> bought, most recent first (one indexed range read).</summary>
    public async Task<IReadOnlyList<Purchase>> OfAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Purchase>(new CommandDefinition(
            "SELECT sku AS Sku, paid_at AS PaidAt FROM user_purchases WHERE user_id = @userId ORDER BY paid_at DESC, sku",
            new { userId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
