using Bazaar.Platform.Data;
using Dapper;

namespace Bazaar.Carts.Cart;

internal sealed class CartRepository(Database database)
{
    public async Task<IReadOnlyList<CartItem>> ListAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var items = await connection.QueryAsync<CartItem>(new CommandDefinition(
            "SELECT sku AS Sku, quantity AS Quantity, updated_at AS UpdatedAt FROM cart_items WHERE user_id = @userId ORDER BY sku",
            new { userId }, cancellationToken: cancellationToken));
        return items.AsList();
    }

    /// <summary>Sets the quantity of a line, adding it if the cart has room for another SKU. One
    /// statement, so two concurrent additions cannot both squeeze past the limit. False when full.</summary>
    public async Task<bool> TrySetAsync(Guid userId, string sku, int quantity, int maxLines, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var written = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO cart_items (user_id, sku, quantity, updated_at)
            SELECT @userId, @sku, @quantity, @now
            WHERE EXISTS (SELECT 1 FROM cart_items WHERE user_id = @userId AND sku = @sku)
               OR (SELECT COUNT(*) FROM cart_items WHERE user_id = @userId) < @maxLines
            ON CONFLICT (user_id, sku) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
            """,
            new { userId, sku, quantity, now, maxLines }, cancellationToken: cancellationToken));
        return written == 1;
    }

    public async Task RemoveAsync(Guid userId, string sku, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cart_items WHERE user_id = @userId AND sku = @sku", new { userId, sku }, cancellationToken: cancellationToken));
    }

    public async Task ClearAsync(Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM cart_items WHERE user_id = @userId", new { userId }, cancellationToken: cancellationToken));
    }
}
