using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Charges;

internal enum ReserveResult { Reserved, Taken, OrderClosed }

internal sealed class PaymentRepository(Database database, TimeProvider clock)
{
    public const string Columns =
        "id AS Id, order_id AS OrderId, user_id AS UserId, amount AS Amount, currency AS Currency, status AS Status, decline_code AS DeclineCode, " +
        "card_last4 AS CardLast4, idempotency_key AS IdempotencyKey, request_fingerprint AS RequestFingerprint, response AS Response, created_at AS CreatedAt";

    /// <summary>Claims the Idempotency-Key and the order with a Pending row before the provider is
    /// asked. The unique indexes refuse a taken key or an order paid (or being paid) under another
    /// key. The closed-order check and the insert share one IMMEDIATE transaction, and closing an
    /// order takes the same write lock, so a charge and a close are always one after the other.
    /// The row is stamped once the lock is held: waiting for a busy database does not age it
    /// towards the sweeper's <c>PendingAfter</c>.</summary>
    public async Task<(ReserveResult Result, Payment Claimed)> TryReserveAsync(Payment pending, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var claimed = pending with { CreatedAt = clock.GetUtcNow() };
        var closed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM closed_orders WHERE order_id = @OrderId", claimed, transaction);
        if (closed > 0) return (ReserveResult.OrderClosed, claimed);
        try
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO payments (id, order_id, user_id, amount, currency, status, decline_code, card_last4, idempotency_key, request_fingerprint, response, created_at)
                VALUES (@Id, @OrderId, @UserId, @Amount, @Currency, @Status, @DeclineCode, @CardLast4, @IdempotencyKey, @RequestFingerprint, @Response, @CreatedAt)
                """, claimed, transaction);
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        {
            return (ReserveResult.Taken, claimed);
        }
        await transaction.CommitAsync(cancellationToken);
        return (ReserveResult.Reserved, claimed);
    }

    /// <summary>Closes the order for payment under SQLite's write lock (the lock a charge takes to
    /// claim it): refused while a payment of the order is Pending (the provider may be moving
    /// money); otherwise writes the tombstone (once) and returns the order's payments.</summary>
    public async Task<(bool PaymentInProgress, IReadOnlyList<Payment> Payments)> CloseOrderAsync(Guid orderId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var rows = (await connection.QueryAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE order_id = @orderId ORDER BY created_at, id", new { orderId, cancellationToken }, transaction)).AsList();
        if (rows.Any(p => p.Status == PaymentStatus.Pending)) return (true, rows);
        await connection.ExecuteAsync(
            "INSERT INTO closed_orders (order_id, closed_at) VALUES (@orderId, @now) ON CONFLICT (order_id) DO NOTHING",
            new { orderId, now, cancellationToken }, transaction);
        await transaction.CommitAsync(cancellationToken);
        return (false, rows);
    }

    /// <summary>Every payment of an order, oldest first, and whether the order is closed.</summary>
    public async Task<(IReadOnlyList<Payment> Payments, bool Closed)> ForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE order_id = @orderId ORDER BY created_at, id", new { orderId, cancellationToken });
        var closed = await connection.ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM closed_orders WHERE order_id = @orderId", new { orderId, cancellationToken });
        return (rows.AsList(), closed > 0);
    }

    /// <summary>Marks a Pending payment the provider never authorised as Abandoned and gives its
    /// Idempotency-Key back (the row keeps it, with a suffix no real key can have: keys carry no
    /// spaces), so a retry with that key charges afresh: the first attempt had no effect. No ledger
    /// entry: the ledger records movements of money and none happened.</summary>
    public async Task<bool> AbandonAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            """
            UPDATE payments SET status = @abandoned, idempotency_key = idempotency_key || ' (abandoned ' || id || ')'
            WHERE id = @paymentId AND status = @pending
            """,
            new { paymentId, abandoned = PaymentStatus.Abandoned, pending = PaymentStatus.Pending, cancellationToken }) == 1;
    }

    /// <summary>The payments still Pending that were claimed before <paramref name="claimedBefore"/>.</summary>
    public async Task<IReadOnlyList<Payment>> ListPendingAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE status = @pending ORDER BY created_at, id", new { pending = PaymentStatus.Pending, cancellationToken });
        // Compared here, not in SQL: times are stored as text.
        return rows.Where(p => p.CreatedAt < claimedBefore).ToList();
    }

    /// <summary>Gives the key and the order back when the provider refused the card outright
    /// (unknown card): nothing was authorised, so a retry can run.</summary>
    public async Task ReleaseReservationAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            "DELETE FROM payments WHERE id = @paymentId AND status = 'Pending'", new { paymentId, cancellationToken });
    }

    public async Task<Payment?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE idempotency_key = @idempotencyKey", new { idempotencyKey, cancellationToken });
    }

    public async Task<Payment?> FindAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE id = @paymentId", new { paymentId, cancellationToken });
    }

    /// <summary>The finished payments of one order that belong to one user.</summary>
    public async Task<IReadOnlyList<Payment>> ListForOrderAsync(Guid orderId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Payment>(
            $"SELECT {Columns} FROM payments WHERE order_id = @orderId AND user_id = @userId AND status <> 'Pending' ORDER BY created_at, id",
            new { orderId, userId, cancellationToken });
        return rows.AsList();
    }
}
