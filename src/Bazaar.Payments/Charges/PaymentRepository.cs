using Bazaar.Payments.Ledger;
using Bazaar.Platform.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Charges;

internal sealed class PaymentRepository(Database database)
{
    private const string Columns =
        "id AS Id, order_id AS OrderId, user_id AS UserId, amount AS Amount, currency AS Currency, status AS Status, decline_code AS DeclineCode, " +
        "card_last4 AS CardLast4, idempotency_key AS IdempotencyKey, request_fingerprint AS RequestFingerprint, response AS Response, created_at AS CreatedAt";

    /// <summary>Claims the Idempotency-Key and the order with a Pending row before the provider is
    /// asked; false when either is taken (the unique indexes decide, so concurrent attempts cannot
    /// both charge).</summary>
    public async Task<bool> TryReserveAsync(Payment pending, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO payments (id, order_id, user_id, amount, currency, status, decline_code, card_last4, idempotency_key, request_fingerprint, response, created_at)
                VALUES (@Id, @OrderId, @UserId, @Amount, @Currency, @Status, @DeclineCode, @CardLast4, @IdempotencyKey, @RequestFingerprint, @Response, @CreatedAt)
                """,
                pending, cancellationToken: cancellationToken));
            return true;
        }
        catch (SqliteException exception) when (exception.SqliteExtendedErrorCode == 2067) // SQLITE_CONSTRAINT_UNIQUE
        {
            return false;
        }
    }

    /// <summary>Records the provider's answer and its ledger entries in one transaction.</summary>
    public async Task CompleteAsync(Guid paymentId, string status, string? declineCode, string response, IReadOnlyList<LedgerEntry> ledger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE payments SET status = @status, decline_code = @declineCode, response = @response WHERE id = @paymentId AND status = 'Pending'",
            new { paymentId, status, declineCode, response }, transaction, cancellationToken: cancellationToken));
        await LedgerWriter.AppendAsync(connection, transaction, ledger, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives the key back when the provider never took the payment (unknown card, the
    /// caller went away), so that a retry can run.</summary>
    public async Task ReleaseReservationAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM payments WHERE id = @paymentId AND status = 'Pending'", new { paymentId }, cancellationToken: cancellationToken));
    }

    public async Task<Payment?> FindByKeyAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payment>(new CommandDefinition(
            $"SELECT {Columns} FROM payments WHERE idempotency_key = @idempotencyKey", new { idempotencyKey }, cancellationToken: cancellationToken));
    }

    public async Task<Payment?> FindAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Payment>(new CommandDefinition(
            $"SELECT {Columns} FROM payments WHERE id = @paymentId", new { paymentId }, cancellationToken: cancellationToken));
    }

    /// <summary>The finished payments of one order that belong to one user.</summary>
    public async Task<IReadOnlyList<Payment>> ListForOrderAsync(Guid orderId, Guid userId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<Payment>(new CommandDefinition(
            $"SELECT {Columns} FROM payments WHERE order_id = @orderId AND user_id = @userId AND status <> 'Pending' ORDER BY created_at, id",
            new { orderId, userId }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
