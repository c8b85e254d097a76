using Bazaar.Platform.Data;
using Bazaar.Recommendations.Model;
using Dapper;

namespace Bazaar.Recommendations.ForYou;

/// <summary>A product a user bought or viewed, and when last (unix ms).</summary>
internal sealed class UserEvent
{
    public string Sku { get; init; } = "";
    public long At { get; init; }
}

/// <summary>A user's purchases and recent views, most recent first.</summary>
internal interface IUserHistory
{
    Task<IReadOnlyList<UserEvent>> PurchasesOfAsync(Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserEvent>> ViewsOfAsync(Guid userId, CancellationToken cancellationToken);
}

/// <summary>Reads a user's purchases (<c>user_purchases</c>, written with the counts by the
/// order-paid handler) and recent views (<c>user_views</c>, written by the view writer).</summary>
internal sealed class UserHistory(Database database) : IUserHistory
{
    /// <summary>Everything <paramref name="userId"/> bought, most recent first (one indexed range read).</summary>
    public Task<IReadOnlyList<UserEvent>> PurchasesOfAsync(Guid userId, CancellationToken cancellationToken) =>
        ReadAsync("SELECT sku AS Sku, paid_at AS At FROM user_purchases WHERE user_id = @userId ORDER BY paid_at DESC, sku", userId, cancellationToken);

    /// <summary>The products <paramref name="userId"/> viewed most recently, most recent first.</summary>
    public Task<IReadOnlyList<UserEvent>> ViewsOfAsync(Guid userId, CancellationToken cancellationToken) =>
        ReadAsync($"SELECT sku AS Sku, viewed_at AS At FROM user_views WHERE user_id = @userId ORDER BY viewed_at DESC, sku LIMIT {RecentPurchases.Count}", userId, cancellationToken);

    private async Task<IReadOnlyList<UserEvent>> ReadAsync(string sql, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await connection.QueryAsync<UserEvent>(new CommandDefinition(sql, new { userId }, cancellationToken: cancellationToken))).AsList();
    }
}
