using Bazaar.Orders.Domain;
using Bazaar.Orders.Events;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Tracking;
using Bazaar.Platform.Data;

namespace Bazaar.Orders.Fulfilment;

internal enum FulfilmentOutcome
{
    Done,
    NotFound,
    Refused,
}

/// <summary>How a fulfilment step ended; <see cref="Detail"/> says why it was refused.</summary>
internal sealed record FulfilmentResult(FulfilmentOutcome Outcome, string? Detail = null)
{
    public static FulfilmentResult Done { get; } = new(FulfilmentOutcome.Done);

    public static FulfilmentResult NotFound { get; } = new(FulfilmentOutcome.NotFound, "There is no such order.");

    public static FulfilmentResult Refused(string detail) => new(FulfilmentOutcome.Refused, detail);
}

/// <summary>Moves paid orders towards delivery: the one code path for admins and the simulated
/// carrier. Every step is the order's status change (a conditional update on the status it was
/// read in) and, for carrier events, the shipment's new event, in one transaction; a step that
/// does not fit, or that lost a race with another writer, changes nothing.</summary>
internal sealed class FulfilmentService(
    Database database, OrderRepository orders, ShipmentRepository shipments, OrderEvents events, TrackingSignals signals, TimeProvider clock)
{
    public async Task<FulfilmentResult> StartAsync(Guid orderId, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        if (order is null) return FulfilmentResult.NotFound;
        var before = order.Status;
        try
        {
            order.StartFulfilling();
            await orders.SaveStatusAsync(order, before, cancellationToken);
        }
        catch (InvalidOrderTransitionException exception)
        {
            return FulfilmentResult.Refused($"The order is {exception.From} and cannot become {exception.To}.");
        }
        signals.Signal(orderId);
        return FulfilmentResult.Done;
    }

    public async Task<FulfilmentResult> RecordEventAsync(Guid orderId, string shipmentEvent, string? note, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(orderId, cancellationToken);
        if (order is null) return FulfilmentResult.NotFound;
        var shipment = await shipments.FindByOrderAsync(orderId, cancellationToken);
        if (shipment is null) return FulfilmentResult.Refused($"The order is {order.Status} and has no shipment.");

        var before = order.Status;
        try
        {
            order.RecordShipmentEvent(shipmentEvent);
        }
        catch (InvalidOrderTransitionException exception)
        {
            return FulfilmentResult.Refused($"The order is {exception.From}; a {shipmentEvent} event would make it {exception.To}, which it cannot become.");
        }
        catch (InvalidShipmentEventException)
        {
            return FulfilmentResult.Refused($"The order is {before}; a {shipmentEvent} event does not fit.");
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            // Even an event that leaves the status as it is updates it conditionally, so it cannot
            // slip in after a concurrent delivery.
            await orders.SaveStatusAsync(connection, transaction, order, before, cancellationToken);
        }
        catch (InvalidOrderTransitionException)
        {
            return FulfilmentResult.Refused("The order changed meanwhile; read it again.");
        }
        if (!await ShipmentRepository.TryAppendAsync(connection, transaction, shipment, new ShipmentEvent(shipmentEvent, clock.GetUtcNow(), note), cancellationToken))
        {
            return FulfilmentResult.Refused("The shipment changed meanwhile; read it again.");
        }
        if (order.Status != before) await events.MovedAsync(connection, transaction, order, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        signals.Signal(orderId);
        return FulfilmentResult.Done;
    }
}
