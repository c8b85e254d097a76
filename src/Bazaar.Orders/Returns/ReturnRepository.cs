using System.Data.Common;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Dapper;

namespace Bazaar.Orders.Returns;

/// <summary>A return recorded under an Idempotency-Key, with the fingerprint of the request that recorded it.</summary>
internal sealed record KeyedReturn(OrderReturn Return, string Fingerprint);

/// <summary>The order_returns and order_return_lines tables. Writes take the caller's transaction:
/// a return is recorded with the reopening of its order's saga, and completed with the saga's last step.</summary>
internal sealed class ReturnRepository(Database database)
{
    private const string Columns =
        "id AS Id, order_id AS OrderId, amount AS Amount, currency AS Currency, status AS Status, created_at AS CreatedAt, completed_at AS CompletedAt, fingerprint AS Fingerprint";

    public async Task<OrderReturn?> FindAsync(Guid returnId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ReturnRow>(
            $"SELECT {Columns} FROM order_returns WHERE id = @returnId", new { returnId, cancellationToken });
        return row is null ? null : (await WithLinesAsync(connection, null, [row], cancellationToken))[0];
    }

    /// <summary>The order's returns, oldest first.</summary>
    public async Task<IReadOnlyList<OrderReturn>> ListForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ListForOrderAsync(connection, null, orderId, cancellationToken);
    }

    public static async Task<IReadOnlyList<OrderReturn>> ListForOrderAsync(DbConnection connection, DbTransaction? transaction, Guid orderId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ReturnRow>(
            $"SELECT {Columns} FROM order_returns WHERE order_id = @orderId ORDER BY id", new { orderId, cancellationToken }, transaction);
        return await WithLinesAsync(connection, transaction, rows.AsList(), cancellationToken);
    }

    /// <summary>The return an Idempotency-Key recorded on the order (keys are scoped to their order).</summary>
    public static async Task<KeyedReturn?> FindByKeyAsync(DbConnection connection, DbTransaction transaction, Guid orderId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ReturnRow>(
            $"SELECT {Columns} FROM order_returns WHERE order_id = @orderId AND idempotency_key = @idempotencyKey",
            new { orderId, idempotencyKey, cancellationToken }, transaction);
        return row is null ? null : new KeyedReturn((await WithLinesAsync(connection, transaction, [row], cancellationToken))[0], row.Fingerprint);
    }

    public static async Task AddAsync(
        DbConnection connection, DbTransaction transaction, OrderReturn orderReturn, string idempotencyKey, string fingerprint, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO order_returns (id, order_id, idempotency_key, fingerprint, amount, currency, status, created_at, completed_at)
            VALUES (@Id, @OrderId, @idempotencyKey, @fingerprint, @Amount, @Currency, @Status, @CreatedAt, NULL)
            """,
            new
            {
                orderReturn.Id, orderReturn.OrderId, idempotencyKey, fingerprint, orderReturn.Amount.Amount, orderReturn.Amount.Currency,
                orderReturn.Status, orderReturn.CreatedAt, cancellationToken,
            },
            transaction);
        for (var i = 0; i < orderReturn.Lines.Count; i++)
        {
            await connection.ExecuteAsync(
                "INSERT INTO order_return_lines (return_id, line_no, sku, quantity) VALUES (@ReturnId, @LineNo, @Sku, @Quantity)",
                new { ReturnId = orderReturn.Id, LineNo = i + 1, orderReturn.Lines[i].Sku, orderReturn.Lines[i].Quantity, cancellationToken },
                transaction);
        }
    }

    /// <summary>Marks the return Completed, in the transaction that finishes its saga.</summary>
    public static Task CompleteAsync(DbConnection connection, DbTransaction transaction, Guid returnId, DateTimeOffset now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            "UPDATE order_returns SET status = @completed, completed_at = @now WHERE id = @returnId AND status = @requested",
            new { completed = OrderReturn.Completed, now, returnId, requested = OrderReturn.Requested, cancellationToken }, transaction);

    /// <summary>The rows (all of one order) with their lines.</summary>
    private static async Task<IReadOnlyList<OrderReturn>> WithLinesAsync(
        DbConnection connection, DbTransaction? transaction, IReadOnlyList<ReturnRow> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return [];
        var lines = (await connection.QueryAsync<LineRow>(
            """
            SELECT l.return_id AS ReturnId, l.sku AS Sku, l.quantity AS Quantity
            FROM order_return_lines l JOIN order_returns r ON r.id = l.return_id
            WHERE r.order_id = @OrderId
            ORDER BY l.return_id, l.line_no
            """,
            new { rows[0].OrderId, cancellationToken }, transaction)).ToLookup(line => line.ReturnId);
        return rows.Select(row => new OrderReturn(
            row.Id, row.OrderId, lines[row.Id].Select(line => new ReturnLine(line.Sku, (int)line.Quantity)).ToList(),
            new Money(row.Amount, row.Currency), row.Status, row.CreatedAt, row.CompletedAt)).ToList();
    }

    internal sealed class ReturnRow
    {
        public required Guid Id { get; init; }
        public required Guid OrderId { get; init; }
        public required decimal Amount { get; init; }
        public required string Currency { get; init; }
        public required string Status { get; init; }
        public required DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? CompletedAt { get; init; }
        public required string Fingerprint { get; init; }
    }

    internal sealed class LineRow
    {
        public required Guid ReturnId { get; init; }
        public required string Sku { get; init; }
        public required long Quantity { get; init; }
    }
}
