using System.Data.Common;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Saga;

/// <summary>The order_sagas table. Every decision is conditional on the version of the row it was
/// read at and bumps it, so a checkout request, the runners of several replicas, a customer's
/// cancel and an admin's return can work on one saga at once: the first write wins and the others
/// read again, even a driver that stalled past its lease while the saga went round to the same
/// step again (a second return). No locks are held across calls.</summary>
internal sealed class SagaRepository(Database database, OrderRepository orders, IOptions<SagaOptions> options, TimeProvider clock)
{
    private const string Columns =
        "order_id AS OrderId, step AS StepName, payment_id AS PaymentId, outcome AS Outcome, detail AS Detail, refunded_amount AS RefundedAmount, " +
        "deadline_at AS DeadlineAt, attempts AS Attempts, next_attempt_at AS NextAttemptAt, last_error AS LastError, version AS Version, return_id AS ReturnId";

    /// <summary>The saga of a new order, written with it; held by its checkout request until <paramref name="heldUntil"/>.</summary>
    public Task StartAsync(DbConnection connection, DbTransaction transaction, Guid orderId, DateTimeOffset deadline, DateTimeOffset heldUntil, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            INSERT INTO order_sagas (order_id, step, attempts, deadline_at, next_attempt_at, updated_at)
            VALUES (@orderId, @step, 0, @deadline, @heldUntil, @now)
            """,
            new { orderId, step = nameof(SagaStep.ReserveStock), deadline = deadline.ToUnixTimeMilliseconds(), heldUntil = heldUntil.ToUnixTimeMilliseconds(), now = clock.GetUtcNow(), cancellationToken },
            transaction);

    public async Task<SagaState?> FindAsync(Guid orderId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<SagaState>(
            $"SELECT {Columns} FROM order_sagas WHERE order_id = @orderId", new { orderId, cancellationToken });
    }

    /// <summary>Moves the saga from <paramref name="from"/> to <paramref name="to"/> and writes the
    /// order's new status and <paramref name="alsoWrite"/> in the same transaction. False, with
    /// nothing written, when someone else moved the saga or the order first.</summary>
    public async Task<bool> AdvanceAsync(
        SagaState from, SagaState to, Order order, OrderStatus orderBefore,
        Func<DbConnection, DbTransaction, CancellationToken, Task>? alsoWrite, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var moved = await connection.ExecuteAsync(
            """
            UPDATE order_sagas
            SET step = @StepName, payment_id = @PaymentId, outcome = @Outcome, detail = @Detail, refunded_amount = @RefundedAmount, return_id = @ReturnId,
                attempts = 0, next_attempt_at = @heldUntil, last_error = NULL, updated_at = @now, version = version + 1
            WHERE order_id = @OrderId AND version = @fromVersion
            """,
            // Still held by the driver that decided, which goes on to the next step at once.
            new
            {
                to.StepName, to.PaymentId, to.Outcome, to.Detail, to.RefundedAmount, to.ReturnId,
                heldUntil = (now + options.Value.Lease).ToUnixTimeMilliseconds(), now, to.OrderId, fromVersion = from.Version, cancellationToken,
            },
            transaction);
        if (moved != 1) return false;
        if (order.Status != orderBefore)
        {
            try
            {
                await orders.SaveStatusAsync(connection, transaction, order, orderBefore, cancellationToken);
            }
            catch (InvalidOrderTransitionException)
            {
                return false;
            }
        }
        if (alsoWrite is not null) await alsoWrite(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>Puts the saga off until <paramref name="due"/> (which ends the driver's hold), recording
    /// why; counts a failed attempt when <paramref name="failed"/>. Nothing happens if it moved on meanwhile.</summary>
    public async Task ScheduleAsync(SagaState saga, DateTimeOffset due, string reason, bool failed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(
            """
            UPDATE order_sagas SET attempts = attempts + @failed, next_attempt_at = @due, last_error = @reason, updated_at = @now
            WHERE order_id = @OrderId AND version = @Version
            """,
            new { failed = failed ? 1 : 0, due = due.ToUnixTimeMilliseconds(), reason, now = clock.GetUtcNow(), saga.OrderId, saga.Version, cancellationToken });
    }

    /// <summary>Sagas with work due, the longest waiting first.</summary>
    public async Task<IReadOnlyList<SagaState>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<SagaState>(
            $"SELECT {Columns} FROM order_sagas WHERE step <> 'Done' AND next_attempt_at <= @now ORDER BY next_attempt_at LIMIT @limit",
            new { now = clock.GetUtcNow().ToUnixTimeMilliseconds(), limit, cancellationToken });
        return rows.AsList();
    }

    /// <summary>Takes a due saga for <paramref name="lease"/>; false when another runner took it first.</summary>
    public async Task<bool> TryClaimAsync(SagaState saga, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(
            "UPDATE order_sagas SET next_attempt_at = @until WHERE order_id = @OrderId AND version = @Version AND next_attempt_at = @NextAttemptAt",
            new { until = (clock.GetUtcNow() + lease).ToUnixTimeMilliseconds(), saga.OrderId, saga.Version, saga.NextAttemptAt, cancellationToken }) == 1;
    }

    /// <summary>Starts undoing a given-up order from <see cref="SagaStep.ClosePayment"/>, written
    /// with the order's cancellation. Whatever the saga was doing, its next write will find the
    /// step changed and stop.</summary>
    public Task CompensateAsync(DbConnection connection, DbTransaction transaction, Guid orderId, string outcome, string detail, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return connection.ExecuteAsync(
            """
            INSERT INTO order_sagas (order_id, step, outcome, detail, attempts, deadline_at, next_attempt_at, updated_at)
            VALUES (@orderId, @step, @outcome, @detail, 0, @nowMs, @nowMs, @now)
            ON CONFLICT (order_id) DO UPDATE SET step = @step, outcome = @outcome, detail = @detail, attempts = 0,
                next_attempt_at = @nowMs, last_error = NULL, updated_at = @now, version = version + 1
            """,
            new { orderId, step = nameof(SagaStep.ClosePayment), outcome, detail, nowMs = now.ToUnixTimeMilliseconds(), now, cancellationToken },
            transaction);
    }

    /// <summary>Reopens a finished saga to refund and restock <paramref name="returnId"/>, written
    /// with the return. False, with nothing written, while the saga is still at work (a checkout,
    /// or another return): an order refunds one return at a time.</summary>
    public async Task<bool> ReopenForReturnAsync(DbConnection connection, DbTransaction transaction, Guid orderId, Guid returnId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        return await connection.ExecuteAsync(
            """
            UPDATE order_sagas SET step = @step, return_id = @returnId, attempts = 0, next_attempt_at = @nowMs, last_error = NULL, updated_at = @now,
                version = version + 1
            WHERE order_id = @orderId AND step = @done
            """,
            new { step = nameof(SagaStep.RefundReturn), returnId, nowMs = now.ToUnixTimeMilliseconds(), now, orderId, done = nameof(SagaStep.Done), cancellationToken },
            transaction) == 1;
    }

    /// <summary>How many sagas are at each step, Done excluded.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountByStepAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StepCount>(
            "SELECT step AS Step, COUNT(*) AS Count FROM order_sagas WHERE step <> 'Done' GROUP BY step", new { cancellationToken });
        return rows.ToDictionary(row => row.Step, row => row.Count);
    }

    internal sealed record StepCount(string Step, long Count);
}
