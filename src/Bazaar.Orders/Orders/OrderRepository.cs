using System.Data.Common;
using Bazaar.Orders.Domain;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Orders.Orders;

/// <summary>An order placed under an Idempotency-Key, with the fingerprint of the request that placed it.</summary>
internal sealed record KeyedOrder(Order Order, string RequestFingerprint);

internal sealed class OrderRepository(Database database, TimeProvider clock)
{
    private const string Columns =
        "id AS Id, user_id AS UserId, status AS Status, ship_name AS ShipName, ship_line1 AS ShipLine1, ship_line2 AS ShipLine2, ship_city AS ShipCity, " +
        "ship_postal_code AS ShipPostalCode, ship_country AS ShipCountry, payment_id AS PaymentId, request_fingerprint AS RequestFingerprint, created_at AS CreatedAt";

    /// <summary>Stores a new order with its lines, the Idempotency-Key that placed it and
    /// <paramref name="alsoWrite"/> (its saga), in one transaction; false when the user already used
    /// the key (the unique index decides).</summary>
    public async Task<bool> TryAddAsync(
        Order order, string idempotencyKey, string requestFingerprint, Func<DbConnection, DbTransaction, CancellationToken, Task> alsoWrite, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var address = order.ShippingAddress;
            await connection.ExecuteAsync(
                """
                INSERT INTO orders (id, user_id, status, total_amount, currency, item_count, ship_name, ship_line1, ship_line2, ship_city, ship_postal_code, ship_country,
                                    payment_id, idempotency_key, request_fingerprint, created_at, updated_at)
                VALUES (@Id, @UserId, @Status, @TotalAmount, @Currency, @ItemCount, @Name, @Line1, @Line2, @City, @PostalCode, @Country,
                        NULL, @idempotencyKey, @requestFingerprint, @CreatedAt, @CreatedAt)
                """,
                new
                {
                    order.Id, order.UserId, Status = order.Status.ToString(), TotalAmount = order.Total.Amount, order.Total.Currency,
                    ItemCount = order.Lines.Sum(line => line.Quantity),
                    address.Name, address.Line1, address.Line2, address.City, address.PostalCode, address.Country,
                    idempotencyKey, requestFingerprint, order.CreatedAt, cancellationToken,
                },
                transaction);
            for (var i = 0; i < order.Lines.Count; i++)
            {
                var line = order.Lines[i];
                await connection.ExecuteAsync(
                    """
                    INSERT INTO order_lines (order_id, line_no, sku, product_id, name, quantity, unit_price, currency)
                    VALUES (@OrderId, @LineNo, @Sku, @ProductId, @Name, @Quantity, @UnitPrice, @Currency)
                    """,
                    new { OrderId = order.Id, LineNo = i + 1, line.Sku, line.ProductId, line.Name, line.Quantity, UnitPrice = line.UnitPrice.Amount, line.UnitPrice.Currency, cancellationToken },
                    transaction);
            }
            await alsoWrite(connection, transaction, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        {
            return false;
        }
    }

    public async Task<KeyedOrder?> FindByKeyAsync(Guid userId, string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(
            $"SELECT {Columns} FROM orders WHERE user_id = @userId AND idempotency_key = @idempotencyKey",
            new { userId, idempotencyKey, cancellationToken });
        return row is null ? null : new KeyedOrder(await RestoreAsync(connection, row, cancellationToken), row.RequestFingerprint);
    }

    /// <summary>The order when it belongs to <paramref name="userId"/>; someone else's order is as
    /// good as absent.</summary>
    public async Task<Order?> FindForUserAsync(Guid orderId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(
            $"SELECT {Columns} FROM orders WHERE id = @orderId AND user_id = @userId", new { orderId, userId, cancellationToken });
        return row is null ? null : await RestoreAsync(connection, row, cancellationToken);
    }

    /// <summary>Any user's order (for admins and the carrier).</summary>
    public async Task<Order?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrderRow>(
            $"SELECT {Columns} FROM orders WHERE id = @orderId", new { orderId, cancellationToken });
        return row is null ? null : await RestoreAsync(connection, row, cancellationToken);
    }

    /// <summary>Every user's orders, newest first, optionally of one status, after the cursor.</summary>
    public async Task<IReadOnlyList<AdminOrderSummaryResponse>> ListAllAsync(OrderStatus? status, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AdminSummaryRow>(
            """
            SELECT id AS Id, user_id AS UserId, status AS Status, total_amount AS TotalAmount, currency AS Currency, item_count AS ItemCount,
                   created_at AS CreatedAt, updated_at AS UpdatedAt
            FROM orders
            WHERE (@status IS NULL OR status = @status) AND (@after IS NULL OR id < @after)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { status = status?.ToString(), after, limit, cancellationToken });
        return rows.Select(r => new AdminOrderSummaryResponse(
            r.Id, r.UserId, r.Status, new Money(r.TotalAmount, r.Currency), (int)r.ItemCount, r.CreatedAt, r.UpdatedAt)).ToList();
    }

    /// <summary>The user's orders, newest first (UUIDv7 ids sort by creation time), after the cursor.</summary>
    public async Task<IReadOnlyList<OrderSummaryResponse>> ListForUserAsync(Guid userId, int limit, Guid? after, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SummaryRow>(
            """
            SELECT id AS Id, status AS Status, total_amount AS TotalAmount, currency AS Currency, item_count AS ItemCount, created_at AS CreatedAt
            FROM orders
            WHERE user_id = @userId AND (@after IS NULL OR id < @after)
            ORDER BY id DESC
            LIMIT @limit
            """,
            new { userId, after, limit, cancellationToken });
        return rows.Select(r => new OrderSummaryResponse(r.Id, r.Status, new Money(r.TotalAmount, r.Currency), (int)r.ItemCount, r.CreatedAt)).ToList();
    }

    /// <summary>Writes the order's new status (and payment) if nobody changed it since it was
    /// <paramref name="expected"/>; a lost race throws rather than overwriting.</summary>
    public async Task SaveStatusAsync(Order order, OrderStatus expected, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SaveStatusAsync(connection, transaction, order, expected, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveStatusAsync(DbConnection connection, DbTransaction transaction, Order order, OrderStatus expected, CancellationToken cancellationToken)
    {
        var changed = await connection.ExecuteAsync(
            "UPDATE orders SET status = @Status, payment_id = @PaymentId, updated_at = @Now WHERE id = @Id AND status = @Expected",
            new { Status = order.Status.ToString(), order.PaymentId, Now = clock.GetUtcNow(), order.Id, Expected = expected.ToString(), cancellationToken },
            transaction);
        if (changed != 1) throw new InvalidOrderTransitionException(order.Id, expected, order.Status);
    }

    private static async Task<Order> RestoreAsync(DbConnection connection, OrderRow row, CancellationToken cancellationToken)
    {
        var lines = await connection.QueryAsync<LineRow>(
            "SELECT sku AS Sku, product_id AS ProductId, name AS Name, quantity AS Quantity, unit_price AS UnitPrice, currency AS Currency FROM order_lines WHERE order_id = @Id ORDER BY line_no",
            new { row.Id, cancellationToken });
        return Order.Restore(row.Id, row.UserId, Enum.Parse<OrderStatus>(row.Status),
            lines.Select(l => new OrderLine(l.Sku, l.ProductId, l.Name, (int)l.Quantity, new Money(l.UnitPrice, l.Currency))).ToList(),
            new ShippingAddress(row.ShipName, row.ShipLine1, row.ShipLine2, row.ShipCity, row.ShipPostalCode, row.ShipCountry),
            row.CreatedAt, row.PaymentId);
    }

    internal sealed record OrderRow(
        Guid Id, Guid UserId, string Status, string ShipName, string ShipLine1, string? ShipLine2, string ShipCity, string ShipPostalCode,
        string ShipCountry, Guid? PaymentId, string RequestFingerprint, DateTimeOffset CreatedAt);

    internal sealed record LineRow(string Sku, Guid ProductId, string Name, long Quantity, decimal UnitPrice, string Currency);

    internal sealed record AdminSummaryRow(
        Guid Id, Guid UserId, string Status, decimal TotalAmount, string Currency, long ItemCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

    internal sealed record SummaryRow(Guid Id, string Status, decimal TotalAmount, string Currency, long ItemCount, DateTimeOffset CreatedAt);
}
