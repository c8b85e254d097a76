using System.Data.Common;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts.Cart;

/// <summary>Carts and their lines. A cart whose last change is older than <see cref="CartsOptions.Expiry"/>
/// is treated as gone by every query here, whether or not the sweeper has deleted it yet.</summary>
internal sealed class CartRepository(Database database, TimeProvider clock, IOptions<CartsOptions> options)
{
    private const string UserCart = "user_id = @Id";
    private const string AnonymousCart = "id = @Id AND user_id IS NULL";

    // SQL chosen at run time (this, and the statement DeleteLinesAsync is given) carries no
    // cancellation token in its parameters: Dapper.AOT 1.1 generates broken code for that pair.
    // Microsoft.Data.Sqlite only looks at the token before a statement starts, so little is lost.
    private static string OwnedBy(CartOwner owner) => owner.IsUser ? UserCart : AnonymousCart;

    // Times are stored as ISO 8601 UTC text, which sorts as the instants do.
    private const string SetBefore = "(updated_at IS NULL OR updated_at <= @paidAt)";

    private (DateTimeOffset Now, DateTimeOffset Cutoff) Moment()
    {
        var now = clock.GetUtcNow();
        return (now, now - options.Value.Expiry);
    }

    /// <summary>Issues a new, empty anonymous cart.</summary>
    public async Task<Guid> CreateAnonymousAsync(CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "INSERT INTO carts (id, user_id, updated_at) VALUES (@id, NULL, @now)", new { id, now = clock.GetUtcNow(), cancellationToken });
        return id;
    }

    /// <summary>The owner's lines; a user without a live cart has none; null for an unknown or
    /// expired anonymous cart.</summary>
    public async Task<IReadOnlyList<CartItem>?> ListAsync(CartOwner owner, CancellationToken cancellationToken)
    {
        var (_, cutoff) = Moment();
        await using var connection = await database.OpenAsync(cancellationToken);
        var cartId = await connection.ExecuteScalarAsync<string?>(
            $"SELECT id FROM carts WHERE {OwnedBy(owner)} AND updated_at > @cutoff", new { owner.Id, cutoff });
        if (cartId is null)
        {
            return owner.IsUser ? [] : null;
        }
        return await LinesAsync(connection, null, cartId, cancellationToken);
    }

    /// <summary>Sets the quantity of a line, adding it if the cart has room for another SKU, and
    /// refreshes the cart. The check and the write are one statement in one transaction, so two
    /// concurrent additions cannot both squeeze past the limit.</summary>
    public async Task<SetQuantityOutcome> TrySetAsync(CartOwner owner, string sku, int quantity, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var cartId = await TouchAsync(connection, tx, owner, create: true, cancellationToken);
        if (cartId is null)
        {
            return SetQuantityOutcome.UnknownCart;
        }
        var written = await connection.ExecuteAsync(
            """
            INSERT INTO cart_lines (cart_id, sku, quantity, updated_at)
            SELECT @cartId, @sku, @quantity, @now
            WHERE EXISTS (SELECT 1 FROM cart_lines WHERE cart_id = @cartId AND sku = @sku)
               OR (SELECT COUNT(*) FROM cart_lines WHERE cart_id = @cartId) < @maxLines
            ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
            """,
            new { cartId, sku, quantity, maxLines = options.Value.MaxLines, now = Moment().Now, cancellationToken }, tx);
        if (written != 1)
        {
            return SetQuantityOutcome.CartFull; // rolled back: a refused change changes nothing, not even the time
        }
        await tx.CommitAsync(cancellationToken);
        return SetQuantityOutcome.Set;
    }

    /// <summary>Removes one line (or none) and refreshes the cart. False for an unknown anonymous cart.</summary>
    public Task<bool> RemoveAsync(CartOwner owner, string sku, CancellationToken cancellationToken) =>
        DeleteLinesAsync(owner, "DELETE FROM cart_lines WHERE cart_id = @cartId AND sku = @sku", sku, cancellationToken);

    /// <summary>Empties the cart; an anonymous cart keeps its id. False for an unknown anonymous cart.</summary>
    public Task<bool> ClearAsync(CartOwner owner, CancellationToken cancellationToken) =>
        DeleteLinesAsync(owner, "DELETE FROM cart_lines WHERE cart_id = @cartId", null, cancellationToken);

    private async Task<bool> DeleteLinesAsync(CartOwner owner, string sql, string? sku, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var cartId = await TouchAsync(connection, tx, owner, create: false, cancellationToken);
        if (cartId is null)
        {
            return owner.IsUser; // a user without a live cart has nothing to remove
        }
        await connection.ExecuteAsync(sql, new { cartId, sku }, tx);
        await tx.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Takes what a paid order bought out of the user's live cart, inside the caller's
    /// connection and transaction (the event inbox's, so it happens once per event). A line holding
    /// no more than was bought goes, a larger one keeps the rest, and lines the order did not
    /// contain stay: the shopper may have added them since checkout. A line set after
    /// <paramref name="paidAt"/> stays too: the event can arrive after the shopper refilled the
    /// cart, and the new line is not what the order bought. The cart's time is left alone, as
    /// this is not the shopper's doing. Answers how many lines changed.</summary>
    public async Task<int> RemovePurchasedAsync(
        DbConnection connection, DbTransaction tx, Guid userId, IReadOnlyList<CartItem> bought, DateTimeOffset paidAt, CancellationToken cancellationToken)
    {
        var (_, cutoff) = Moment();
        var cartId = await connection.ExecuteScalarAsync<string?>(
            $"SELECT id FROM carts WHERE {UserCart} AND updated_at > @cutoff", new { Id = userId, cutoff, cancellationToken }, tx);
        if (cartId is null)
        {
            return 0; // no live cart: an expired one's lines must not be changed back to life
        }
        var changed = 0;
        foreach (var line in bought)
        {
            // The conditions exclude each other, and the DELETE runs first, so a line changes once.
            changed += await connection.ExecuteAsync(
                $"""
                DELETE FROM cart_lines WHERE cart_id = @cartId AND sku = @Sku AND quantity <= @Quantity AND {SetBefore};
                UPDATE cart_lines SET quantity = quantity - @Quantity WHERE cart_id = @cartId AND sku = @Sku AND quantity > @Quantity AND {SetBefore};
                """,
                new { cartId, line.Sku, line.Quantity, paidAt = paidAt.ToUniversalTime(), cancellationToken }, tx);
        }
        return changed;
    }

    /// <summary>Moves the lines of a live anonymous cart into the user's cart and deletes the
    /// anonymous cart, in one transaction. Null when there is no such anonymous cart (unknown,
    /// expired or merged already); otherwise the SKUs that did not fit.</summary>
    public async Task<IReadOnlyList<string>?> MergeAsync(Guid userId, Guid anonymousCartId, CancellationToken cancellationToken)
    {
        var (_, cutoff) = Moment();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        var sourceId = await connection.ExecuteScalarAsync<string?>(
            $"SELECT id FROM carts WHERE {AnonymousCart} AND updated_at > @cutoff", new { Id = anonymousCartId, cutoff, cancellationToken }, tx);
        if (sourceId is null)
        {
            return null;
        }
        var targetId = (await TouchAsync(connection, tx, CartOwner.User(userId), create: true, cancellationToken))!;
        var plan = CartMerge.Plan(
            await LinesAsync(connection, tx, targetId, cancellationToken), await LinesAsync(connection, tx, sourceId, cancellationToken),
            options.Value.MaxLines);
        foreach (var line in plan.Writes)
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO cart_lines (cart_id, sku, quantity, updated_at) VALUES (@targetId, @Sku, @Quantity, @now)
                ON CONFLICT (cart_id, sku) DO UPDATE SET quantity = excluded.quantity, updated_at = excluded.updated_at
                """,
                new { targetId, line.Sku, line.Quantity, now = Moment().Now, cancellationToken }, tx);
        }
        await connection.ExecuteAsync(
            "DELETE FROM cart_lines WHERE cart_id = @sourceId; DELETE FROM carts WHERE id = @sourceId", new { sourceId, cancellationToken }, tx);
        await tx.CommitAsync(cancellationToken);
        return plan.NotMerged;
    }

    /// <summary>Deletes up to <see cref="CartsOptions.SweepBatchSize"/> expired carts, oldest first,
    /// in one transaction; answers how many went.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var (_, cutoff) = Moment();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        // The same ordered batch twice inside one write transaction: nobody can touch a cart between.
        const string batch = "SELECT id FROM carts WHERE updated_at <= @cutoff ORDER BY updated_at, id LIMIT @size";
        var arguments = new { cutoff, size = options.Value.SweepBatchSize, cancellationToken };
        await connection.ExecuteAsync($"DELETE FROM cart_lines WHERE cart_id IN ({batch})", arguments, tx);
        var deleted = await connection.ExecuteAsync($"DELETE FROM carts WHERE id IN ({batch})", arguments, tx);
        await tx.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>Marks the owner's live cart as changed now and answers its id. For a user with
    /// <paramref name="create"/>, an expired cart is first thrown away (its lines must not come
    /// back) and a missing one is made. Null when there is no live cart to change.</summary>
    private async Task<string?> TouchAsync(DbConnection connection, DbTransaction tx, CartOwner owner, bool create, CancellationToken cancellationToken)
    {
        var (now, cutoff) = Moment();
        if (!(owner.IsUser && create))
        {
            return await connection.ExecuteScalarAsync<string?>(
                $"UPDATE carts SET updated_at = @now WHERE {OwnedBy(owner)} AND updated_at > @cutoff RETURNING id",
                new { owner.Id, now, cutoff }, tx);
        }
        await connection.ExecuteAsync(
            """
            DELETE FROM cart_lines WHERE cart_id IN (SELECT id FROM carts WHERE user_id = @Id AND updated_at <= @cutoff);
            DELETE FROM carts WHERE user_id = @Id AND updated_at <= @cutoff;
            """,
            new { owner.Id, cutoff, cancellationToken }, tx);
        return await connection.ExecuteScalarAsync<string?>(
            """
            INSERT INTO carts (id, user_id, updated_at) VALUES (@newId, @Id, @now)
            ON CONFLICT (user_id) DO UPDATE SET updated_at = excluded.updated_at
            RETURNING id
            """,
            new { newId = Guid.CreateVersion7(), owner.Id, now, cancellationToken }, tx);
    }

    private static async Task<IReadOnlyList<CartItem>> LinesAsync(DbConnection connection, DbTransaction? tx, string cartId, CancellationToken cancellationToken)
    {
        var items = await connection.QueryAsync<CartItem>(
            "SELECT sku AS Sku, quantity AS Quantity FROM cart_lines WHERE cart_id = @cartId ORDER BY sku",
            new { cartId, cancellationToken }, tx);
        return items.AsList();
    }
}
