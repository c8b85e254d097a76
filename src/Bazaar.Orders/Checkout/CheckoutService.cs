using System.Net.Http.Headers;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Saga;
using Microsoft.Extensions.Options;

namespace Bazaar.Orders.Checkout;

internal sealed record CheckoutCommand(Guid UserId, AuthenticationHeaderValue Caller, string IdempotencyKey, CardInput Card, AddressInput Address);

/// <summary>Turns the caller's cart into an order and drives its saga while the caller waits: the
/// order and its saga are written in one transaction, then the saga runs with the card (which is
/// never stored). Whatever the request does not finish, the saga runner does; a retry with the
/// same Idempotency-Key picks the order up where it stands.</summary>
internal sealed class CheckoutService(
    OrderRepository orders, SagaRepository sagas, OrderViews views, ICartClient carts, IProductCatalog catalog,
    CheckoutOrchestrator orchestrator, IOptions<SagaOptions> options, TimeProvider clock)
{
    public async Task<CheckoutResult> CheckoutAsync(CheckoutCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = CheckoutFingerprint.Of(command.Card, command.Address);
        if (await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, command, fingerprint, cancellationToken);
        }

        IReadOnlyList<OrderLine> lines;
        try
        {
            var cart = await carts.GetLinesAsync(command.Caller, cancellationToken);
            if (cart.Count == 0) return CheckoutResult.Fail(CheckoutFailure.EmptyCart, "The cart is empty.");
            (lines, var unavailable) = await PriceAsync(cart, cancellationToken);
            if (unavailable.Count > 0)
            {
                return CheckoutResult.Fail(CheckoutFailure.ProductsUnavailable, "These products cannot be bought now: " + string.Join(", ", unavailable) + ".");
            }
        }
        catch (DownstreamUnavailableException exception)
        {
            return CheckoutResult.Fail(CheckoutFailure.Unavailable, $"The {exception.Service} cannot be reached; nothing was ordered. Try again shortly.");
        }

        var address = command.Address;
        var now = clock.GetUtcNow();
        var order = Order.Place(Guid.CreateVersion7(), command.UserId, lines,
            new ShippingAddress(address.Name.Trim(), address.Line1.Trim(), address.Line2?.Trim(), address.City.Trim(), address.PostalCode.Trim(), address.Country.ToUpperInvariant()),
            now);
        // The saga is held by this request (its lease), so the runner leaves it alone while the customer waits.
        var placed = await orders.TryAddAsync(order, command.IdempotencyKey, fingerprint,
            (connection, transaction, token) => sagas.StartAsync(connection, transaction, order.Id, now + options.Value.PaymentDeadline, now + options.Value.Lease, token),
            cancellationToken);
        if (!placed)
        {
            // A concurrent request with the same key placed its order first.
            return await ReplayAsync((await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken))!, command, fingerprint, cancellationToken);
        }
        return await DriveAsync(order.Id, command.Card);
    }

    /// <summary>Lines priced by the product-service, and the SKUs it does not sell (unknown or inactive).</summary>
    private async Task<(IReadOnlyList<OrderLine> Lines, IReadOnlyList<string> Unavailable)> PriceAsync(IReadOnlyList<CartLineView> cart, CancellationToken cancellationToken)
    {
        var quotes = (await catalog.QuoteAsync(cart.Select(line => line.Sku).ToList(), cancellationToken)).ToDictionary(quote => quote.Sku, StringComparer.Ordinal);
        var lines = new List<OrderLine>();
        var unavailable = new List<string>();
        foreach (var line in cart)
        {
            if (quotes.TryGetValue(line.Sku, out var quote) && quote.Active)
            {
                lines.Add(new OrderLine(line.Sku, quote.ProductId, quote.Name, line.Quantity, quote.UnitPrice));
            }
            else
            {
                unavailable.Add(line.Sku);
            }
        }
        return (lines, unavailable);
    }

    /// <summary>Runs the saga with the card. Once the order exists it runs on even if the caller
    /// goes away, hence no caller cancellation.</summary>
    private async Task<CheckoutResult> DriveAsync(Guid orderId, CardInput card)
    {
        await orchestrator.DriveAsync(orderId, new PaymentCard(card.Number, card.ExpiryMonth, card.ExpiryYear, card.Cvc), CancellationToken.None);
        // Read again: a cancel may have landed while the payment was being taken.
        var order = await orders.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"Order {orderId} vanished.");
        var saga = await sagas.FindAsync(orderId, CancellationToken.None) ?? throw new InvalidOperationException($"Order {orderId} has no saga.");
        return await ResultOfAsync(new SagaProgress(order, saga, null), replayed: false, CancellationToken.None);
    }

    private async Task<CheckoutResult> ResultOfAsync(SagaProgress progress, bool replayed, CancellationToken cancellationToken)
    {
        var (order, saga, _) = progress;
        return order.Status switch
        {
            OrderStatus.Pending or OrderStatus.StockReserved => CheckoutResult.Fail(CheckoutFailure.PaymentPending,
                "The payment could not be confirmed yet, so the order is kept with its stock. Retry with the same Idempotency-Key to finish it; it is never charged twice.", order.Id),
            OrderStatus.PaymentFailed => CheckoutResult.Declined(order.Id, saga.Detail ?? "declined"),
            OrderStatus.Cancelled => CheckoutResult.Fail(saga.Outcome switch
            {
                CancelReason.OutOfStock => CheckoutFailure.InsufficientStock,
                CancelReason.ProductsUnavailable => CheckoutFailure.ProductsUnavailable,
                CancelReason.ServiceUnavailable => CheckoutFailure.Unavailable,
                _ => CheckoutFailure.Cancelled,
            }, saga.Detail ?? "The order was cancelled.", order.Id),
            _ => replayed
                ? CheckoutResult.Replay(await views.ViewAsync(order, cancellationToken))
                : CheckoutResult.Placed(await views.ViewAsync(order, cancellationToken)),
        };
    }

    /// <summary>A retry with a key seen before: the same answer for a settled order, the rest of the
    /// steps for one still in checkout (its payment pending, or its first attempt cut short).</summary>
    private async Task<CheckoutResult> ReplayAsync(KeyedOrder earlier, CheckoutCommand command, string fingerprint, CancellationToken cancellationToken)
    {
        if (earlier.RequestFingerprint != fingerprint)
        {
            return CheckoutResult.Fail(CheckoutFailure.KeyReused, "This Idempotency-Key already placed an order with a different request body.");
        }
        if (earlier.Order.IsInCheckout) return await DriveAsync(earlier.Order.Id, command.Card);
        var saga = await sagas.FindAsync(earlier.Order.Id, cancellationToken) ?? new SagaState { OrderId = earlier.Order.Id, StepName = nameof(SagaStep.Done) };
        var result = await ResultOfAsync(new SagaProgress(earlier.Order, saga, null), replayed: true, cancellationToken);
        // A retried key whose order was given up says so, whatever first gave it up.
        return result.Failure is CheckoutFailure.InsufficientStock or CheckoutFailure.ProductsUnavailable or CheckoutFailure.Unavailable or CheckoutFailure.Cancelled
            ? CheckoutResult.Fail(CheckoutFailure.Cancelled, "The order this Idempotency-Key placed was cancelled and its stock released; use a new key to try again. " + saga.Detail, earlier.Order.Id)
            : result;
    }
}
