using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Recommendations.Suggestions;

internal sealed record ScoredSku(string Sku, long Score);

/// <summary>Reads the purchase signals, strongest first (ties by SKU, so answers are stable).</summary>
internal sealed class SignalRepository(Database database)
{
    public async Task<IReadOnlyList<ScoredSku>> BoughtWithAsync(string sku, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScoredSku>(new CommandDefinition(
            "SELECT other_sku AS Sku, together AS Score FROM co_purchases WHERE sku = @sku ORDER BY together DESC, other_sku LIMIT @limit",
            new { sku, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<ScoredSku>> MostPurchasedAsync(string excludingSku, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScoredSku>(new CommandDefinition(
            "SELECT sku AS Sku, purchases AS Score FROM popularity WHERE sku <> @excludingSku ORDER BY purchases DESC, sku LIMIT @limit",
            new { excludingSku, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
