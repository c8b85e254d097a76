using Bazaar.Orders.Orders;
using Bazaar.Orders.Saga;
using Bazaar.Platform.Data;

namespace Bazaar.Orders.Returns;

internal enum ReturnFailure { NotFound, NotReturnable, ExceedsOrder, InProgress, KeyReused }

/// <summary>How recording a return ended: the return (new, or the one the same key recorded
/// before), or why not; <see cref="Skus"/> names what exceeds the order.</summary>
internal sealed record ReturnResult(OrderReturn? Return, ReturnFailure? Failure, string? Detail = null, IReadOnlyList<string>? Skus = null)
{
    public static ReturnResult Fail(ReturnFailure failure, string detail, IReadOnlyList<string>? skus = null) => new(null, failure, detail, skus);
}

/// <summary>Records goods a customer sent back. The return and the reopening of the order's saga
/// (which refunds, then restocks, then completes the return) are written in one transaction, so a
/// return is never recorded without its refund on the way, nor refunded without being recorded.</summary>
internal sealed class ReturnService(Database database, OrderRepository orders, SagaRepository sagas, TimeProvider clock)
{
    public async Task<ReturnResult> RequestAsync(Guid orderId, string idempotencyKey, IReadOnlyList<ReturnLine> lines, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        if (order is null) return ReturnResult.Fail(ReturnFailure.NotFound, "There is no such order.");
        var fingerprint = ReturnFingerprint.Of(lines);

        // A SQLite write transaction starts IMMEDIATE: the checks below and the writes see one state,
        // so two admins recording returns at once cannot together return more than was ordered.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ReturnRepository.FindByKeyAsync(connection, transaction, orderId, idempotencyKey, cancellationToken) is { } earlier)
        {
            return earlier.Fingerprint == fingerprint
                ? new ReturnResult(earlier.Return, null)
                : ReturnResult.Fail(ReturnFailure.KeyReused, "This Idempotency-Key already recorded a return of other goods.");
        }
        if (!order.IsReturnable)
        {
            return ReturnResult.Fail(ReturnFailure.NotReturnable, $"The order is {order.Status}; only goods of a delivered order that were not all returned yet can come back.");
        }
        var previous = await ReturnRepository.ListForOrderAsync(connection, transaction, orderId, cancellationToken);
        if (previous.Any(r => r.Status == OrderReturn.Requested)) return InProgress();
        var exceeding = ReturnRules.Exceeding(order, previous, lines);
        if (exceeding.Count > 0)
        {
            return ReturnResult.Fail(ReturnFailure.ExceedsOrder,
                "More would come back than was ordered (less what was already returned), or the product is not on the order: " + string.Join(", ", exceeding) + ".", exceeding);
        }

        var orderReturn = new OrderReturn(Guid.CreateVersion7(), orderId, lines, ReturnRules.Amount(order, previous, lines), OrderReturn.Requested, clock.GetUtcNow(), null);
        await ReturnRepository.AddAsync(connection, transaction, orderReturn, idempotencyKey, fingerprint, cancellationToken);
        // The saga has to be at rest: one refund at a time per order.
        if (!await sagas.ReopenForReturnAsync(connection, transaction, orderId, orderReturn.Id, cancellationToken)) return InProgress();
        await transaction.CommitAsync(cancellationToken);
        return new ReturnResult(orderReturn, null);
    }

    private static ReturnResult InProgress() =>
        ReturnResult.Fail(ReturnFailure.InProgress, "Another return of this order is still being refunded; record this one once it is completed.");
}
