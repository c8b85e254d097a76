using Bazaar.Orders.Domain;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Events;
using Bazaar.Orders.Returns;

namespace Bazaar.Orders.Saga;

/// <summary>The saga steps of a return after delivery: refund the returned goods, put them back on
/// hand, then complete the return, move the order to PartiallyRefunded or Refunded and announce
/// it, in one transaction. A refund is never skipped: one that payment-service refuses keeps being
/// retried, with the refusal in the saga's last_error, until an operator sorts it out.</summary>
internal sealed partial class ReturnSteps(
    IInventory inventory, IPaymentGateway payments, ReturnRepository returns, OrderEvents events, TimeProvider clock, ILogger<ReturnSteps> logger)
{
    public async Task<StepResult> RefundAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        var orderReturn = await ReturnOfAsync(saga, cancellationToken);
        // Free goods (or a last unit whose cent was already refunded) owe nothing; payment-service refuses a zero refund.
        if (orderReturn.Amount.Amount == 0m) return new StepResult.Advance(saga.With(SagaStep.RestockReturn));
        if (order.PaymentId is not { } paymentId) return Refused(order, orderReturn, "the order has no payment to refund");
        var refund = await payments.RefundAsync(paymentId, orderReturn.Id, orderReturn.Amount, cancellationToken);
        return refund.State switch
        {
            RefundState.Refunded => new StepResult.Advance(saga.With(SagaStep.RestockReturn)),
            RefundState.Pending => new StepResult.Retry($"payment-service has not confirmed the refund of return {orderReturn.Id} yet."),
            _ => Refused(order, orderReturn, refund.Detail ?? "no reason given"),
        };
    }

    public async Task<StepResult> RestockAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        var orderReturn = await ReturnOfAsync(saga, cancellationToken);
        var lines = orderReturn.Lines.Select(line => new ReservationLine(line.Sku, line.Quantity)).ToList();
        if (await inventory.ReturnAsync(orderReturn.Id, order.Id, lines, cancellationToken) != SettleStatus.Done)
        {
            return new StepResult.Retry($"product-service did not take back the goods of return {orderReturn.Id}; an operator must look at the reservation.");
        }
        // Only one return of an order is in progress, so this counts it and every completed one.
        var everythingReturned = ReturnRules.EverythingReturned(order, await returns.ListForOrderAsync(order.Id, cancellationToken));
        return new StepResult.Advance(saga.With(SagaStep.Done), o => o.MarkReturnRefunded(everythingReturned), async (connection, transaction, token) =>
        {
            await ReturnRepository.CompleteAsync(connection, transaction, orderReturn.Id, clock.GetUtcNow(), token);
            await events.ReturnedAsync(connection, transaction, order, orderReturn, token);
        });
    }

    private StepResult.Retry Refused(Order order, OrderReturn orderReturn, string reason)
    {
        LogRefundRefused(logger, order.Id, orderReturn.Id, orderReturn.Amount.ToString(), reason);
        return new StepResult.Retry($"payment-service refused the refund of return {orderReturn.Id}: {reason.TrimEnd('.')}. It is retried until an operator settles it.");
    }

    private async Task<OrderReturn> ReturnOfAsync(SagaState saga, CancellationToken cancellationToken)
    {
        var returnId = saga.ReturnId ?? throw new InvalidOperationException($"Saga {saga.OrderId} is at {saga.Step} without a return.");
        return await returns.FindAsync(returnId, cancellationToken) ?? throw new InvalidOperationException($"Saga {saga.OrderId} refers to an unknown return {returnId}.");
    }

    [LoggerMessage(LogLevel.Error, "Order {OrderId}: payment-service refused to refund {Amount} for return {ReturnId}: {Reason}. An operator must settle it; it is retried meanwhile")]
    private static partial void LogRefundRefused(ILogger logger, Guid orderId, Guid returnId, string amount, string reason);
}
