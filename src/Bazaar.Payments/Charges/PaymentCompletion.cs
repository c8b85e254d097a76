using System.Data.Common;
using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Data;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Bazaar.Payments.Charges;

internal enum CompletionKind
{
    /// <summary>The answer is recorded now: on the Pending payment, or a capture on an abandoned
    /// payment whose order could still take it.</summary>
    Recorded,
    /// <summary>Another path (a retry, the sweeper) recorded the answer first.</summary>
    RecordedEarlier,
    /// <summary>A capture landed on an abandoned payment whose order had moved on: the payment is
    /// Reversed and a Pending refund of all of it is claimed, to be sent.</summary>
    Reversed,
    /// <summary>Nothing to keep: a decline on an abandoned payment (no money moved), or a payment
    /// reversed already. What the caller gets is whatever the order's payments say now.</summary>
    Superseded,
}

internal sealed record Completion(CompletionKind Kind, string? EarlierResponse = null, RefundRow? Reversal = null);

/// <summary>Records the provider's answer on a payment, whatever became of the payment meanwhile.
/// The provider's truth wins over the sweeper's guess (Abandoned means "the provider never
/// authorised it", which a late capture proves wrong): the capture is kept if the order can still
/// take it, else given back at once. Money taken is never left unrecorded.</summary>
internal sealed class PaymentCompletion(Database database, TimeProvider clock, ILogger<PaymentCompletion> logger)
{
    public async Task<Completion> CompleteAsync(Payment payment, PaymentResponse response, IReadOnlyList<LedgerEntry> ledger, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // IMMEDIATE: what is read below cannot change before the write; the sweeper's abandon, a
        // retry's claim and an order's close all take the same write lock.
        await using var transaction = ((SqliteConnection)connection).BeginTransaction(deferred: false);
        var current = await connection.QuerySingleAsync<Payment>(
            $"SELECT {PaymentRepository.Columns} FROM payments WHERE id = @Id", payment, transaction);

        switch (current.Status)
        {
            case PaymentStatus.Pending:
                await RecordAsync(connection, transaction, current.IdempotencyKey, response, ledger, cancellationToken);
                return new Completion(CompletionKind.Recorded);
            case PaymentStatus.Abandoned when response.Status == PaymentStatus.Captured:
                if (await OrderStillFreeAsync(connection, transaction, payment, cancellationToken))
                {
                    // It takes its Idempotency-Key back, so a retry with it replays this capture.
                    await RecordAsync(connection, transaction, payment.IdempotencyKey, response, ledger, cancellationToken);
                    logger.LogWarning("Payment {PaymentId} was captured after the sweeper abandoned it; the capture is kept", payment.Id);
                    return new Completion(CompletionKind.Recorded);
                }
                var reversal = await ReverseAsync(connection, transaction, payment, ledger, cancellationToken);
                logger.LogWarning("Payment {PaymentId} was captured after the sweeper abandoned it and its order had moved on; the capture is refunded", payment.Id);
                return new Completion(CompletionKind.Reversed, Reversal: reversal);
            case PaymentStatus.Abandoned or PaymentStatus.Reversed:
                return new Completion(CompletionKind.Superseded);
            default:
                return new Completion(CompletionKind.RecordedEarlier, current.Response);
        }
    }

    private static async Task RecordAsync(DbConnection connection, DbTransaction transaction, string idempotencyKey, PaymentResponse response,
        IReadOnlyList<LedgerEntry> ledger, CancellationToken cancellationToken)
    {
        // Typed, not var: Dapper.AOT's generator cannot see the JSON generator's PaymentsJson, so
        // it could not type the argument, and it leaves such a call to Dapper's runtime path.
        string json = JsonSerializer.Serialize(response, PaymentsJson.Default.PaymentResponse);
        await connection.ExecuteAsync(
            "UPDATE payments SET status = @Status, decline_code = @DeclineCode, response = @json, idempotency_key = @idempotencyKey WHERE id = @PaymentId",
            new { response.Status, response.DeclineCode, json, idempotencyKey, response.PaymentId, cancellationToken },
            transaction);
        await LedgerWriter.AppendAsync(connection, transaction, ledger, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Whether nothing has happened to the order since the payment was abandoned: not
    /// closed, its key not taken by a retry, no other payment in flight or captured, none newer
    /// answered (the caller was told that one's outcome).</summary>
    private static async Task<bool> OrderStillFreeAsync(DbConnection connection, DbTransaction transaction, Payment payment, CancellationToken cancellationToken)
    {
        var blockers = await connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT COUNT(*) FROM closed_orders WHERE order_id = @OrderId)
                 + (SELECT COUNT(*) FROM payments WHERE idempotency_key = @IdempotencyKey)
                 + (SELECT COUNT(*) FROM payments WHERE order_id = @OrderId AND id <> @Id AND status IN ('Pending', 'Captured'))
            """, payment, transaction);
        if (blockers > 0) return false;
        var others = await connection.QueryAsync<Payment>(
            $"SELECT {PaymentRepository.Columns} FROM payments WHERE order_id = @OrderId AND id <> @Id", payment, transaction);
        // Compared here, not in SQL: times are stored as text.
        return !others.Any(p => p.Status != PaymentStatus.Abandoned && p.CreatedAt > payment.CreatedAt);
    }

    /// <summary>Records the capture (the ledger must show the money that moved) with a refund of all
    /// of it, claimed Pending in the same transaction: if the provider does not confirm it now, the
    /// sweeper sends it again under the same refund id.</summary>
    private async Task<RefundRow> ReverseAsync(DbConnection connection, DbTransaction transaction, Payment payment, IReadOnlyList<LedgerEntry> ledger,
        CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            "UPDATE payments SET status = @reversed WHERE id = @Id",
            new { reversed = PaymentStatus.Reversed, payment.Id, cancellationToken }, transaction);
        await LedgerWriter.AppendAsync(connection, transaction, ledger, cancellationToken);

        var amount = new Money(payment.Amount, payment.Currency);
        var id = Guid.CreateVersion7();
        var refund = new RefundRow
        {
            Id = id, PaymentId = payment.Id, Amount = amount.Amount, Currency = amount.Currency, Status = RefundStatus.Pending,
            // A space: no caller's key can have one (keys are printable ASCII without spaces).
            IdempotencyKey = $"reversal {payment.Id}",
            RequestFingerprint = IdempotencyKey.Fingerprint(new RefundFingerprint(payment.Id, amount), PaymentsJson.Default.RefundFingerprint),
            Response = JsonSerializer.Serialize(new RefundResponse(id, payment.Id, amount, amount, RefundStatus.Refunded), PaymentsJson.Default.RefundResponse),
            CreatedAt = clock.GetUtcNow(),
            CaptureReference = ledger.Single(e => e.Kind == LedgerEntry.Capture).ProviderReference,
        };
        await RefundRepository.InsertAsync(connection, transaction, refund, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return refund;
    }
}
