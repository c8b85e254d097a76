using Bazaar.Orders.Domain;
using Bazaar.Orders.Fulfilment;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Saga;
using Bazaar.Orders.Tracking;
using Bazaar.Platform.Data;

namespace Bazaar.Orders.Cancellation;

/// <summary>Cancels an order that has not left the warehouse: the order is Cancelled at once and
/// its saga, in the same transaction, starts undoing what was done (close the payment, refunding a
/// capture; release or return the stock). The saga runner finishes that within seconds and the
/// order-cancelled event reports it.</summary>
internal sealed class CancellationService(Database database, OrderRepository orders, SagaRepository sagas, TrackingSignals signals)
{
    // A cancel races the checkout saga and fulfilment, which may move the order between the read
    // and the write; reading again a few times settles it.
    private const int Attempts = 5;

    /// <summary>Cancels <paramref name="orderId"/>; <paramref name="ownerId"/> limits it to that
    /// user's orders (null: an admin). Cancelling a cancelled order again is a no-op.</summary>
    public async Task<FulfilmentResult> CancelAsync(Guid orderId, Guid? ownerId, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var order = ownerId is { } userId
                ? await orders.FindForUserAsync(orderId, userId, cancellationToken)
                : await orders.FindAsync(orderId, cancellationToken);
            if (order is null) return FulfilmentResult.NotFound;
            if (order.Status == OrderStatus.Cancelled) return FulfilmentResult.Done;
            if (!order.CanBeCancelled)
            {
                return FulfilmentResult.Refused($"The order is {order.Status}; only an order that has not left the warehouse can be cancelled.");
            }

            var before = order.Status;
            order.Cancel();
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await orders.SaveStatusAsync(connection, transaction, order, before, cancellationToken);
            }
            catch (InvalidOrderTransitionException)
            {
                continue; // moved meanwhile: decide again on what it is now
            }
            var reason = ownerId is null ? CancelReason.AdminCancelled : CancelReason.CustomerCancelled;
            await sagas.CompensateAsync(connection, transaction, orderId, reason, "The order was cancelled; anything charged is refunded in full.", cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            signals.Signal(orderId);
            return FulfilmentResult.Done;
        }
        return FulfilmentResult.Refused("The order kept changing while it was being cancelled; read it and try again.");
    }
}
