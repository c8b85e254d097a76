using System.Net.Http.Headers;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Downstream;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Tracking;
using Bazaar.Platform.Data;

namespace Bazaar.Orders.Checkout;

internal sealed record CheckoutCommand(Guid UserId, AuthenticationHeaderValue Caller, string IdempotencyKey, CardInput Card, AddressInput Address);

/// <summary>The synchronous checkout: cart, quote, place, reserve, pay, commit and ship, then the
/// best-effort afterwards. Each step is its own method so that the later persisted saga can take
/// them over one by one. Failures compensate: reserved stock is released, the order ends Cancelled
/// or PaymentFailed, never half made.</summary>
internal sealed partial class CheckoutService(
    OrderRepository orders, ShipmentRepository shipments, Database database, ICartClient carts, IProductCatalog catalog, IInventory inventory,
    IPaymentGateway payments, IRecommendationFeed recommendations, TimeProvider clock, ILogger<CheckoutService> logger)
{
    public async Task<CheckoutResult> CheckoutAsync(CheckoutCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = CheckoutFingerprint.Of(command.Card, command.Address);
        if (await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, fingerprint, cancellationToken);
        }

        IReadOnlyList<CartLineView> cart;
        IReadOnlyList<OrderLine> lines;
        try
        {
            cart = await carts.GetLinesAsync(command.Caller, cancellationToken);
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
        var order = Order.Place(Guid.CreateVersion7(), command.UserId, lines,
            new ShippingAddress(address.Name.Trim(), address.Line1.Trim(), address.Line2?.Trim(), address.City.Trim(), address.PostalCode.Trim(), address.Country.ToUpperInvariant()),
            clock.GetUtcNow());
        if (!await orders.TryAddAsync(order, command.IdempotencyKey, fingerprint, cancellationToken))
        {
            // A concurrent request with the same key placed its order first.
            return await ReplayAsync((await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken))!, fingerprint, cancellationToken);
        }

        // From here the order exists: the steps run to an end state even if the caller goes away.
        return await ReserveStockAsync(order, CancellationToken.None)
            ?? await TakePaymentAsync(order, command.Card, CancellationToken.None)
            ?? await FinishAsync(order, command.Caller, CancellationToken.None);
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

    /// <summary>Null when the stock is reserved; otherwise the order is cancelled and this says why.</summary>
    private async Task<CheckoutResult?> ReserveStockAsync(Order order, CancellationToken cancellationToken)
    {
        ReservationOutcome outcome;
        try
        {
            outcome = await inventory.ReserveAsync(order.Id, order.Lines.Select(line => new ReservationLine(line.Sku, line.Quantity)).ToList(), cancellationToken);
        }
        catch (DownstreamUnavailableException exception)
        {
            // The reservation may have been made before the answer was lost.
            await ReleaseStockAsync(order, cancellationToken);
            await MoveAsync(order, o => o.Cancel(), cancellationToken);
            return CheckoutResult.Fail(CheckoutFailure.Unavailable, $"The {exception.Service} cannot be reached; the order was cancelled and nothing was charged.", order.Id);
        }

        switch (outcome.Status)
        {
            case ReservationStatus.Reserved:
                await MoveAsync(order, o => o.MarkStockReserved(), cancellationToken);
                return null;
            case ReservationStatus.InsufficientStock:
                await MoveAsync(order, o => o.Cancel(), cancellationToken);
                return CheckoutResult.Fail(CheckoutFailure.InsufficientStock, outcome.Detail ?? "Some products are out of stock.", order.Id);
            default:
                await MoveAsync(order, o => o.Cancel(), cancellationToken);
                return CheckoutResult.Fail(CheckoutFailure.ProductsUnavailable, outcome.Detail ?? "Some products are no longer sold.", order.Id);
        }
    }

    /// <summary>Null when the payment is captured (the order is then Paid); otherwise the stock is
    /// released and this says why.</summary>
    private async Task<CheckoutResult?> TakePaymentAsync(Order order, CardInput card, CancellationToken cancellationToken)
    {
        PaymentOutcome outcome;
        try
        {
            outcome = await payments.PayAsync(
                new PaymentRequest(order.Id, order.UserId, order.Total, new PaymentCard(card.Number, card.ExpiryMonth, card.ExpiryYear, card.Cvc)), cancellationToken);
        }
        catch (DownstreamUnavailableException)
        {
            await ReleaseStockAsync(order, cancellationToken);
            await MoveAsync(order, o => o.Cancel(), cancellationToken);
            return CheckoutResult.Fail(CheckoutFailure.Unavailable,
                "Payments cannot be taken right now; the order was cancelled and its stock released. Try again shortly with a new Idempotency-Key.", order.Id);
        }

        if (!outcome.Captured)
        {
            await ReleaseStockAsync(order, cancellationToken);
            await MoveAsync(order, o => o.MarkPaymentFailed(), cancellationToken);
            return CheckoutResult.Declined(order.Id, outcome.DeclineCode!);
        }

        await CommitStockAsync(order, cancellationToken);
        await ShipAsync(order, outcome.PaymentId!.Value, cancellationToken);
        return null;
    }

    /// <summary>Paid and a shipment label created, in one transaction.</summary>
    private async Task ShipAsync(Order order, Guid paymentId, CancellationToken cancellationToken)
    {
        var before = order.Status;
        order.MarkPaid(paymentId);
        var shipment = Shipment.CreateLabel(order.Id, clock.GetUtcNow());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await orders.SaveStatusAsync(connection, transaction, order, before, cancellationToken);
        await ShipmentRepository.AddAsync(connection, transaction, shipment, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Clears the cart and feeds the recommendations; neither may undo a paid order.</summary>
    private async Task<CheckoutResult> FinishAsync(Order order, AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        try
        {
            await carts.ClearAsync(caller, cancellationToken);
        }
        catch (DownstreamUnavailableException exception)
        {
            LogBestEffortFailed(logger, "clear the cart", order.Id, exception);
        }
        try
        {
            await recommendations.RecordPurchaseAsync(new PurchaseNotice(order.Id, order.Lines.Select(line => line.Sku).ToList()), cancellationToken);
        }
        catch (DownstreamUnavailableException exception)
        {
            LogBestEffortFailed(logger, "record the purchase for recommendations", order.Id, exception);
        }
        return CheckoutResult.Placed(order.ToResponse(await shipments.FindByOrderAsync(order.Id, cancellationToken)));
    }

    private async Task ReleaseStockAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            await inventory.ReleaseAsync(order.Id, cancellationToken);
        }
        catch (DownstreamUnavailableException exception)
        {
            // Nothing is sold from it meanwhile, so it errs on the safe side (no oversell).
            LogStockLeftReserved(logger, order.Id, exception);
        }
    }

    private async Task CommitStockAsync(Order order, CancellationToken cancellationToken)
    {
        try
        {
            await inventory.CommitAsync(order.Id, cancellationToken);
        }
        catch (DownstreamUnavailableException exception)
        {
            // The customer has paid: the order stands. The stock stays reserved, so it is not sold twice.
            LogStockLeftReserved(logger, order.Id, exception);
        }
    }

    private async Task MoveAsync(Order order, Action<Order> transition, CancellationToken cancellationToken)
    {
        var before = order.Status;
        transition(order);
        await orders.SaveStatusAsync(order, before, cancellationToken);
    }

    private async Task<CheckoutResult> ReplayAsync(KeyedOrder earlier, string fingerprint, CancellationToken cancellationToken)
    {
        if (earlier.RequestFingerprint != fingerprint)
        {
            return CheckoutResult.Fail(CheckoutFailure.KeyReused, "This Idempotency-Key already placed an order with a different request body.");
        }
        if (earlier.Order.IsInCheckout)
        {
            return CheckoutResult.Fail(CheckoutFailure.InProgress, "The checkout with this Idempotency-Key is still running.", earlier.Order.Id);
        }
        return CheckoutResult.Replay(earlier.Order.ToResponse(await shipments.FindByOrderAsync(earlier.Order.Id, cancellationToken)));
    }

    [LoggerMessage(LogLevel.Warning, "Could not {Step} after order {OrderId} was paid")]
    private static partial void LogBestEffortFailed(ILogger logger, string step, Guid orderId, Exception exception);

    [LoggerMessage(LogLevel.Error, "The stock reservation of order {OrderId} could not be settled and stays reserved")]
    private static partial void LogStockLeftReserved(ILogger logger, Guid orderId, Exception exception);
}
