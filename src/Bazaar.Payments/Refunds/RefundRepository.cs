using System.Data.Common;
using System.Text.Json;
using Bazaar.Payments.Charges;
using Bazaar.Payments.Ledger;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Refunds;

/// <summary>The outcome of claiming a refund: the refund with this key (new, or claimed earlier)
/// to send or replay, or a refusal.</summary>
internal sealed record RefundClaim(RefundRow? Refund, RefundFailure? Refusal);

internal sealed class RefundRepository(Database database)
{
    private const string Columns =
        "r.id AS Id, r.payment_id AS PaymentId, r.amount AS Amount, r.currency AS Currency, r.status AS Status, r.idempotency_key AS IdempotencyKey, " +
        "r.request_fingerprint AS RequestFingerprint, r.response AS Response, r.created_at AS CreatedAt";

    // The capture a refund gives back from: its provider reference travels with the refund to the provider.
    private const string WithCapture =
        $"SELECT {Columns}, l.provider_reference AS CaptureReference FROM refunds r " +
        "LEFT JOIN ledger_entries l ON l.payment_id = r.payment_id AND l.kind = 'capture'";

    /// <summary>Checks the key, the payment and the amount left to refund, and writes the Pending
    /// refund with the answer it will give, all in one IMMEDIATE transaction: it takes SQLite's write
    /// lock before the first read, so two concurrent refunds are checked one after the other and can
    /// never together exceed the capture. A key seen before returns the refund claimed with it.</summary>
    public async Task<RefundClaim> ClaimAsync(Guid paymentId, Money amount, string idempotencyKey, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Not deferred: BEGIN IMMEDIATE. A deferred transaction would read without the lock and then
        // fail (SQLITE_BUSY) when it tries to write after another refund committed.
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);

        var earlier = await connection.QuerySingleOrDefaultAsync<RefundRow>(
            $"{WithCapture} WHERE r.idempotency_key = @idempotencyKey", new { idempotencyKey, cancellationToken }, transaction);
        if (earlier is not null) return new RefundClaim(earlier, null);

        var payment = await connection.QuerySingleOrDefaultAsync<CapturedPayment>(
            "SELECT id AS Id, amount AS Amount, currency AS Currency, status AS Status FROM payments WHERE id = @paymentId",
            new { paymentId, cancellationToken }, transaction);
        if (payment is null) return Refused(RefundFailure.UnknownPayment);
        if (payment.Status != PaymentStatus.Captured) return Refused(RefundFailure.NotCaptured);
        if (payment.Currency != amount.Currency) return Refused(RefundFailure.CurrencyMismatch);

        var refunded = (await connection.QueryAsync<decimal>(
            "SELECT amount FROM refunds WHERE payment_id = @paymentId", new { paymentId, cancellationToken }, transaction)).Sum();
        var refundedTotal = refunded + amount.Amount;
        if (refundedTotal > payment.Amount) return Refused(RefundFailure.ExceedsCapture);

        var captureReference = await connection.QuerySingleAsync<string>(
            "SELECT provider_reference FROM ledger_entries WHERE payment_id = @paymentId AND kind = @kind",
            new { paymentId, kind = LedgerEntry.Capture, cancellationToken }, transaction);

        var id = Guid.CreateVersion7();
        var response = new RefundResponse(id, paymentId, amount, new Money(refundedTotal, amount.Currency),
            refundedTotal == payment.Amount ? RefundStatus.Refunded : RefundStatus.PartiallyRefunded);
        var refund = new RefundRow
        {
            Id = id, PaymentId = paymentId, Amount = amount.Amount, Currency = amount.Currency, Status = RefundStatus.Pending,
            IdempotencyKey = idempotencyKey, RequestFingerprint = fingerprint, CreatedAt = now,
            Response = JsonSerializer.Serialize(response, PaymentsJson.Default.RefundResponse), CaptureReference = captureReference,
        };
        await InsertAsync(connection, transaction, refund, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RefundClaim(refund, null);

        static RefundClaim Refused(RefundFailure refusal) => new(null, refusal);
    }

    /// <summary>Writes a claimed refund inside the caller's transaction.</summary>
    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, RefundRow refund, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            INSERT INTO refunds (id, payment_id, amount, currency, status, idempotency_key, request_fingerprint, response, created_at)
            VALUES (@Id, @PaymentId, @Amount, @Currency, @Status, @IdempotencyKey, @RequestFingerprint, @Response, @CreatedAt)
            """, refund, transaction);

    /// <summary>Records the provider's confirmation and the ledger entry in one transaction, if the
    /// refund is still Pending; false when a concurrent resend recorded it first (the ledger gets
    /// one entry per refund).</summary>
    public async Task<bool> CompleteAsync(Guid refundId, string providerReference, LedgerEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(
            "UPDATE refunds SET status = @completed, provider_reference = @providerReference WHERE id = @refundId AND status = @pending",
            new { refundId, providerReference, completed = RefundStatus.Completed, pending = RefundStatus.Pending, cancellationToken },
            transaction);
        if (updated == 0) return false;
        await LedgerWriter.AppendAsync(connection, transaction, [entry], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The refunds still Pending that were claimed before <paramref name="claimedBefore"/>.</summary>
    public async Task<IReadOnlyList<RefundRow>> ListPendingAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RefundRow>(
            $"{WithCapture} WHERE r.status = @pending ORDER BY r.created_at, r.id", new { pending = RefundStatus.Pending, cancellationToken });
        // Compared here, not in SQL: times are stored as text.
        return rows.Where(r => r.CreatedAt < claimedBefore).ToList();
    }

    /// <summary>The refunds of the given payments, oldest first.</summary>
    public async Task<IReadOnlyList<RefundRow>> ListForPaymentsAsync(IReadOnlyCollection<Guid> paymentIds, CancellationToken cancellationToken)
    {
        if (paymentIds.Count == 0) return [];
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RefundRow>(
            $"SELECT {Columns} FROM refunds r WHERE r.payment_id IN @paymentIds ORDER BY r.created_at, r.id", new { paymentIds, cancellationToken });
        return rows.AsList();
    }

    public async Task<decimal> CapturedAmountAsync(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleAsync<decimal>(
            "SELECT amount FROM payments WHERE id = @paymentId", new { paymentId, cancellationToken });
    }

    // Internal, not private: Dapper.AOT's generated reader lives in another file of the assembly.
    internal sealed class CapturedPayment
    {
        public Guid Id { get; init; }
        public decimal Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
