using Bazaar.Payments.Charges;
using Bazaar.Payments.Ledger;
using Bazaar.Platform.Data;
using Bazaar.Platform.Money;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Refunds;

/// <summary>The outcome of claiming a refund: a new Pending refund to send to the provider, an
/// earlier refund with the same key, or a refusal.</summary>
internal sealed record RefundClaim(RefundRow? Claimed, RefundResponse? Response, string? CaptureReference, RefundRow? Earlier, RefundFailure? Refusal);

internal sealed class RefundRepository(Database database)
{
    private const string Columns =
        "id AS Id, payment_id AS PaymentId, amount AS Amount, currency AS Currency, status AS Status, " +
        "request_fingerprint AS RequestFingerprint, response AS Response, created_at AS CreatedAt";

    /// <summary>Checks the key, the payment and the amount left to refund, and writes the Pending
    /// refund, all in one IMMEDIATE transaction: it takes SQLite's write lock before the first read,
    /// so two concurrent refunds are checked one after the other and can never together exceed the
    /// capture.</summary>
    public async Task<RefundClaim> ClaimAsync(Guid paymentId, Money amount, string idempotencyKey, string fingerprint, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Not deferred: BEGIN IMMEDIATE. A deferred transaction would read without the lock and then
        // fail (SQLITE_BUSY) when it tries to write after another refund committed.
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);

        var earlier = await connection.QuerySingleOrDefaultAsync<RefundRow>(new CommandDefinition(
            $"SELECT {Columns} FROM refunds WHERE idempotency_key = @idempotencyKey", new { idempotencyKey }, transaction, cancellationToken: cancellationToken));
        if (earlier is not null) return new RefundClaim(null, null, null, earlier, null);

        var payment = await connection.QuerySingleOrDefaultAsync<CapturedPayment>(new CommandDefinition(
            "SELECT id AS Id, amount AS Amount, currency AS Currency, status AS Status FROM payments WHERE id = @paymentId",
            new { paymentId }, transaction, cancellationToken: cancellationToken));
        if (payment is null) return Refused(RefundFailure.UnknownPayment);
        if (payment.Status != PaymentStatus.Captured) return Refused(RefundFailure.NotCaptured);
        if (payment.Currency != amount.Currency) return Refused(RefundFailure.CurrencyMismatch);

        var refunded = (await connection.QueryAsync<decimal>(new CommandDefinition(
            "SELECT amount FROM refunds WHERE payment_id = @paymentId", new { paymentId }, transaction, cancellationToken: cancellationToken))).Sum();
        var refundedTotal = refunded + amount.Amount;
        if (refundedTotal > payment.Amount) return Refused(RefundFailure.ExceedsCapture);

        var captureReference = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT provider_reference FROM ledger_entries WHERE payment_id = @paymentId AND kind = @kind",
            new { paymentId, kind = LedgerEntry.Capture }, transaction, cancellationToken: cancellationToken));

        var refund = new RefundRow
        {
            Id = Guid.CreateVersion7(), PaymentId = paymentId, Amount = amount.Amount, Currency = amount.Currency,
            Status = RefundStatus.Pending, RequestFingerprint = fingerprint, CreatedAt = now,
        };
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO refunds (id, payment_id, amount, currency, status, idempotency_key, request_fingerprint, created_at)
            VALUES (@Id, @PaymentId, @Amount, @Currency, @Status, @idempotencyKey, @RequestFingerprint, @CreatedAt)
            """,
            new { refund.Id, refund.PaymentId, refund.Amount, refund.Currency, refund.Status, idempotencyKey, refund.RequestFingerprint, refund.CreatedAt },
            transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);

        var response = new RefundResponse(refund.Id, paymentId, amount, new Money(refundedTotal, amount.Currency),
            refundedTotal == payment.Amount ? RefundStatus.Refunded : RefundStatus.PartiallyRefunded);
        return new RefundClaim(refund, response, captureReference, null, null);

        static RefundClaim Refused(RefundFailure refusal) => new(null, null, null, null, refusal);
    }

    /// <summary>Records the provider's confirmation and the ledger entry in one transaction.</summary>
    public async Task CompleteAsync(Guid refundId, string providerReference, string response, LedgerEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refunds SET status = @completed, provider_reference = @providerReference, response = @response WHERE id = @refundId AND status = @pending",
            new { refundId, providerReference, response, completed = RefundStatus.Completed, pending = RefundStatus.Pending },
            transaction, cancellationToken: cancellationToken));
        await LedgerWriter.AppendAsync(connection, transaction, [entry], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Gives the amount and the key back when the provider never took the refund.</summary>
    public async Task ReleaseAsync(Guid refundId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM refunds WHERE id = @refundId AND status = @pending", new { refundId, pending = RefundStatus.Pending }, cancellationToken: cancellationToken));
    }

    /// <summary>The refunds of the given payments, oldest first.</summary>
    public async Task<IReadOnlyList<RefundRow>> ListForPaymentsAsync(IReadOnlyCollection<Guid> paymentIds, CancellationToken cancellationToken)
    {
        if (paymentIds.Count == 0) return [];
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<RefundRow>(new CommandDefinition(
            $"SELECT {Columns} FROM refunds WHERE payment_id IN @paymentIds ORDER BY created_at, id", new { paymentIds }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private sealed class CapturedPayment
    {
        public Guid Id { get; init; }
        public decimal Amount { get; init; }
        public string Currency { get; init; } = "";
        public string Status { get; init; } = "";
    }
}
