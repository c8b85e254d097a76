using Bazaar.Orders.Domain;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Events;
using Bazaar.Orders.Tracking;
using Bazaar.Platform.Money;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Saga;

/// <summary>One method per saga step: each calls one idempotent endpoint of another service and
/// decides where the saga goes next. None writes anything itself; the orchestrator persists the
/// decision, conditionally, so a step that ran twice (a retry, two replicas) decides once.</summary>
internal sealed class SagaSteps(
    IInventory inventory, IPaymentGateway payments, OrderEvents events, ReturnSteps returns, IOptions<SagaOptions> options, TimeProvider clock)
{
    private readonly SagaOptions _options = options.Value;

    /// <summary>Runs the saga's current step. <paramref name="card"/> is there only while the
    /// customer waits on the checkout request: the card is never stored, so without it the
    /// payment step can only find out what became of an earlier attempt.</summary>
    public async Task<StepResult> RunAsync(Order order, SagaState saga, PaymentCard? card, CancellationToken cancellationToken)
    {
        try
        {
            return saga.Step switch
            {
                SagaStep.ReserveStock => await ReserveStockAsync(order, saga, cancellationToken),
                SagaStep.TakePayment when PastDeadline(saga) => GiveUp(saga, CancelReason.PaymentDeadline,
                    "The order was not paid in time; its stock was released and nothing was charged (anything captured is refunded)."),
                SagaStep.TakePayment => card is null ? await FindPaymentAsync(order, saga, cancellationToken) : await PayAsync(order, saga, card, cancellationToken),
                SagaStep.CommitStock => await CommitStockAsync(order, saga, cancellationToken),
                SagaStep.ClosePayment => await ClosePaymentAsync(order, saga, cancellationToken),
                SagaStep.ReleaseStock => await ReleaseStockAsync(order, saga, cancellationToken),
                SagaStep.ReturnStock => await ReturnStockAsync(order, saga, cancellationToken),
                SagaStep.RefundReturn => await returns.RefundAsync(order, saga, cancellationToken),
                SagaStep.RestockReturn => await returns.RestockAsync(order, saga, cancellationToken),
                _ => throw new InvalidOperationException($"Saga {saga.OrderId} has nothing to run at {saga.Step}."),
            };
        }
        catch (DownstreamUnavailableException exception)
        {
            // A customer waiting on a first reservation is not kept hanging on a service that is down.
            if (saga.Step == SagaStep.ReserveStock && (card is not null || PastDeadline(saga)))
            {
                return GiveUp(saga, CancelReason.ServiceUnavailable, $"The {exception.Service} cannot be reached; the order was cancelled and nothing was charged.",
                    next: SagaStep.ReleaseStock);
            }
            return new StepResult.Retry($"The {exception.Service} did not answer: {exception.InnerException?.Message}");
        }
    }

    private async Task<StepResult> ReserveStockAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        // Held a little past the payment deadline, so that the saga, not the hold's expiry, gives the order up.
        var holdFor = saga.Deadline - clock.GetUtcNow() + _options.StockHoldGrace;
        var outcome = await inventory.ReserveAsync(order.Id, Lines(order), holdFor > TimeSpan.FromMinutes(1) ? holdFor : TimeSpan.FromMinutes(1), cancellationToken);
        return outcome.Status switch
        {
            ReservationStatus.Reserved => new StepResult.Advance(saga.With(SagaStep.TakePayment), o => o.MarkStockReserved()),
            // Nothing is held after these (all lines or none), so there is nothing to undo.
            ReservationStatus.InsufficientStock => CancelledOutright(order, saga, CancelReason.OutOfStock, outcome.Detail ?? "Some products are out of stock."),
            ReservationStatus.UnknownSku => CancelledOutright(order, saga, CancelReason.ProductsUnavailable, outcome.Detail ?? "Some products are no longer sold."),
            _ => CancelledOutright(order, saga, CancelReason.StockHoldExpired, outcome.Detail ?? "The stock held for this order was released."),
        };
    }

    private async Task<StepResult> PayAsync(Order order, SagaState saga, PaymentCard card, CancellationToken cancellationToken)
    {
        var outcome = await payments.PayAsync(new PaymentRequest(order.Id, order.UserId, order.Total, card), cancellationToken);
        return outcome.State switch
        {
            PaymentState.Captured => new StepResult.Advance(saga.With(SagaStep.CommitStock, paymentId: outcome.PaymentId)),
            PaymentState.Declined => Declined(saga, outcome.DeclineCode ?? "declined"),
            // The card may have been charged: nothing is undone; the runner finds out later.
            _ => new StepResult.Wait(clock.GetUtcNow() + _options.ReconcileInterval, "The payment's outcome is not known yet."),
        };
    }

    /// <summary>The card is gone (the request that carried it ended): ask payment-service what
    /// became of the order's payment, and wait for the customer until the deadline.</summary>
    private async Task<StepResult> FindPaymentAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        var payment = await payments.FindForOrderAsync(order.Id, cancellationToken);
        var nextLook = clock.GetUtcNow() + _options.ReconcileInterval;
        return payment.State switch
        {
            OrderPaymentState.Captured => new StepResult.Advance(saga.With(SagaStep.CommitStock, paymentId: payment.PaymentId)),
            OrderPaymentState.Declined => Declined(saga, payment.DeclineCode ?? "declined"),
            OrderPaymentState.Pending => new StepResult.Wait(nextLook, "A payment is in flight."),
            OrderPaymentState.Closed => GiveUp(saga, CancelReason.PaymentDeadline, "The order was closed for payment."),
            _ => new StepResult.Wait(nextLook < saga.Deadline ? nextLook : saga.Deadline, "Waiting for the customer to pay."),
        };
    }

    private async Task<StepResult> CommitStockAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        if (await inventory.CommitAsync(order.Id, cancellationToken) != SettleStatus.Done)
        {
            return GiveUp(saga, CancelReason.StockHoldExpired,
                "The stock held for this order ran out before its payment was confirmed; the payment is refunded in full.");
        }
        var paymentId = saga.PaymentId ?? throw new InvalidOperationException($"Saga {saga.OrderId} reached CommitStock without a payment.");
        return new StepResult.Advance(saga.With(SagaStep.Done), o => o.MarkPaid(paymentId), async (connection, transaction, token) =>
        {
            await ShipmentRepository.AddAsync(connection, transaction, Shipment.CreateLabel(order.Id, clock.GetUtcNow()), token);
            await events.PaidAsync(connection, transaction, order, token);
        });
    }

    private async Task<StepResult> ClosePaymentAsync(Order order, SagaState saga, CancellationToken cancellationToken)
    {
        var closure = await payments.CloseAsync(order.Id, cancellationToken);
        if (closure.InProgress) return new StepResult.Retry("A charge is still in flight; the order is closed once it has landed.");
        return new StepResult.Advance(saga.With(SagaStep.ReleaseStock, refunded: closure.Refunded?.Amount));
    }

    private async Task<StepResult> ReleaseStockAsync(Order order, SagaState saga, CancellationToken cancellationToken) =>
        await inventory.ReleaseAsync(order.Id, cancellationToken) == SettleStatus.Refused
            ? new StepResult.Advance(saga.With(SagaStep.ReturnStock)) // committed already: the goods go back instead
            : Finished(order, saga);

    private async Task<StepResult> ReturnStockAsync(Order order, SagaState saga, CancellationToken cancellationToken) =>
        await inventory.ReturnAsync(order.Id, order.Id, Lines(order), cancellationToken) == SettleStatus.Done
            ? Finished(order, saga)
            : new StepResult.Retry("product-service refused to take the goods back; an operator must look at the reservation.");

    private StepResult.Advance Finished(Order order, SagaState saga)
    {
        Money? refunded = saga.RefundedAmount is { } amount && amount > 0 ? new Money(amount, order.Total.Currency) : null;
        return new StepResult.Advance(saga.With(SagaStep.Done), AlsoWrite: (connection, transaction, token) =>
            events.CancelledAsync(connection, transaction, order, saga.Outcome ?? CancelReason.CustomerCancelled, refunded, token));
    }

    private static StepResult.Advance Declined(SagaState saga, string declineCode) =>
        new(saga.With(SagaStep.ClosePayment, outcome: CancelReason.PaymentDeclined, detail: declineCode), o => o.MarkPaymentFailed());

    /// <summary>Cancelled with nothing to undo: no stock is held and no payment was asked for.</summary>
    private StepResult.Advance CancelledOutright(Order order, SagaState saga, string reason, string detail) =>
        new(saga.With(SagaStep.Done, outcome: reason, detail: detail), o => o.Cancel(),
            (connection, transaction, token) => events.CancelledAsync(connection, transaction, order, reason, null, token));

    /// <summary>The order is cancelled now; what was done is undone from <paramref name="next"/> on
    /// (by default closing the payment, which refunds a capture).</summary>
    private static StepResult.Advance GiveUp(SagaState saga, string reason, string detail, SagaStep next = SagaStep.ClosePayment) =>
        new(saga.With(next, outcome: reason, detail: detail), o => o.Cancel());

    private bool PastDeadline(SagaState saga) => clock.GetUtcNow() >= saga.Deadline;

    private static List<ReservationLine> Lines(Order order) => order.Lines.Select(line => new ReservationLine(line.Sku, line.Quantity)).ToList();
}
