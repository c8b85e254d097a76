using Bazaar.Messaging;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Tracking;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Saga;

/// <summary>Where a drive of a saga stopped: the order and its saga as last written, and why it
/// stopped short of Done when it did.</summary>
internal sealed record SagaProgress(Order Order, SagaState Saga, string? WaitingFor);

/// <summary>Drives an order's saga step by step, persisting each decision before the next step
/// runs, so a crash at any point resumes from the last decision (by the runner of any replica).
/// The checkout request drives it first, with the card; the runner drives whatever is left.</summary>
internal sealed partial class CheckoutOrchestrator(
    SagaRepository sagas, OrderRepository orders, SagaSteps steps, TrackingSignals signals, SagaMetrics metrics, IOptions<SagaOptions> options,
    TimeProvider clock, ILogger<CheckoutOrchestrator> logger)
{
    // Each step either advances, or returns; a saga has nine steps, so this bounds a drive that
    // keeps losing races against another writer.
    private const int MaxRounds = 20;

    public async Task<SagaProgress?> DriveAsync(Guid orderId, PaymentCard? card, CancellationToken cancellationToken)
    {
        SagaProgress? progress = null;
        for (var round = 0; round < MaxRounds; round++)
        {
            var saga = await sagas.FindAsync(orderId, cancellationToken);
            var order = await orders.FindAsync(orderId, cancellationToken);
            if (saga is null || order is null) return null;
            progress = new SagaProgress(order, saga, null);
            if (saga.Step == SagaStep.Done) return progress;

            var result = await steps.RunAsync(order, saga, card, cancellationToken);
            switch (result)
            {
                case StepResult.Advance advance:
                    await AdvanceAsync(order, saga, advance, cancellationToken);
                    // Written or lost to another writer: either way, read again and go on.
                    continue;
                case StepResult.Retry retry:
                    var delay = Backoff.Delay((int)Math.Min(saga.Attempts + 1, 30), options.Value.RetryInitial, options.Value.RetryMax);
                    LogStepFailed(logger, orderId, saga.Step, saga.Attempts + 1, retry.Reason);
                    metrics.Failed(saga.Step);
                    await sagas.ScheduleAsync(saga, clock.GetUtcNow() + delay, retry.Reason, failed: true, cancellationToken);
                    return progress with { WaitingFor = retry.Reason };
                case StepResult.Wait wait:
                    await sagas.ScheduleAsync(saga, wait.Until, wait.Reason, failed: false, cancellationToken);
                    return progress with { WaitingFor = wait.Reason };
            }
        }
        return progress;
    }

    private async Task AdvanceAsync(Order order, SagaState saga, StepResult.Advance advance, CancellationToken cancellationToken)
    {
        var before = order.Status;
        try
        {
            advance.Transition?.Invoke(order);
        }
        catch (InvalidOrderTransitionException)
        {
            // The order moved on since it was read (a customer's cancel); the next round sees it.
            return;
        }
        if (await sagas.AdvanceAsync(saga, advance.Next, order, before, advance.AlsoWrite, cancellationToken))
        {
            // One line per order at Information (where it ended); the steps on the way are in the
            // saga row and the transitions metric, and logging each cost a tenth of the service's CPU.
            if (advance.Next.Step == SagaStep.Done) LogFinished(logger, order.Id, saga.Step, order.Status);
            else LogAdvanced(logger, order.Id, saga.Step, advance.Next.Step, order.Status);
            metrics.Advanced(saga.Step, advance.Next.Step);
            if (order.Status != before) signals.Signal(order.Id);
        }
    }

    [LoggerMessage(LogLevel.Debug, "Order {OrderId}: saga {From} -> {To}, order {Status}")]
    private static partial void LogAdvanced(ILogger logger, Guid orderId, SagaStep from, SagaStep to, OrderStatus status);

    [LoggerMessage(LogLevel.Information, "Order {OrderId}: saga done after {From}, order {Status}")]
    private static partial void LogFinished(ILogger logger, Guid orderId, SagaStep from, OrderStatus status);

    [LoggerMessage(LogLevel.Warning, "Order {OrderId}: saga step {Step} failed (attempt {Attempt}): {Reason}")]
    private static partial void LogStepFailed(ILogger logger, Guid orderId, SagaStep step, long attempt, string reason);
}
