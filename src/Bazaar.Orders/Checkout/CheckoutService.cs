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
/// them over one by one. Definite failures compensate: reserved stock is released and the order
/// ends Cancelled or PaymentFailed. A payment whose outcome is unknown compensates nothing (the
/// card may have been charged): the order waits in StockReserved, and a retry with the same
/// Idempotency-Key resumes it where it stopped; every step is idempotent by order id.</summary>
internal sealed partial class CheckoutService(
    OrderRepository orders, ShipmentRepository shipments, Database database, ICartClient carts, IProductCatalog catalog, IInventory inventory,
    IPaymentGateway payments, IRecommendationFeed recommendations, TimeProvider clock, ILogger<CheckoutService> logger)
{
    public async Task<CheckoutResult> CheckoutAsync(CheckoutCommand command, CancellationToken cancellationToken)
    {
        var fingerprint = CheckoutFingerprint.Of(command.Card, command.Address);
        if (await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, command, fingerprint, cancellationToken);
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
            return await ReplayAsync((await orders.FindByKeyAsync(command.UserId, command.IdempotencyKey, cancellationToken))!, command, fingerprint, cancellationToken);
        }
        return await ContinueAsync(order, command);
    }

    /// <summary>Runs the order's remaining steps. Once the order exists they run to an end state (or
    /// to a pending payment) even if the caller goes away, hence no caller cancellation.</summary>
    private async Task<CheckoutResult> ContinueAsync(Order order, CheckoutCommand command) =>
        (order.Status == OrderStatus.Pending ? await ReserveStockAsync(order, CancellationToken.None) : null)
        ?? await TakePaymentAsync(order, command.Card, CancellationToken.None)
        ?? await FinishAsync(order, command.Caller, CancellationToken.None);

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
            case ReservationStatus.Released:
                await MoveAsync(order, o => o.Cancel(), cancellationToken);
                return CheckoutResult.Fail(CheckoutFailure.Cancelled, outcome.Detail!, order.Id);
            default:
                await MoveAsync(order, o => o.Cancel(), cancellationToken);
                return CheckoutResult.Fail(CheckoutFailure.ProductsUnavailable, outcome.Detail ?? "Some products are no longer sold.", order.Id);
        }
    }

    /// <summary>Null when the payment is captured (the order is then Paid); otherwise the stock is
    /// released and this says why.</summary>
    private async Task<CheckoutResult?> TakePaymentAsync(Order order, CardInput card, CancellationToken cancellationToken)
    {
        var outcome = await payments.PayAsync(
            new PaymentRequest(order.Id, order.UserId, order.Total, new PaymentCard(card.Number, card.ExpiryMonth, card.ExpiryYear, card.Cvc)), cancellationToken);

        if (outcome.State == PaymentState.Unknown)
        {
            return CheckoutResult.Fail(CheckoutFailure.PaymentPending,
                "The payment could not be confirmed yet, so the order is kept with its stock. Retry with the same Idempotency-Key to finish it; it is never charged twice.", order.Id);
        }
        if (outcome.State == PaymentState.Declined)
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

    /// <summary>Clears the cart and feeds the recommendations; neither may undo a paid order, nor
    /// hold up its answer for long.</summary>
    private async Task<CheckoutResult> FinishAsync(Order order, AuthenticationHeaderValue caller, CancellationToken cancellationToken)
    {
        await BestEffortAsync("clear the cart", order.Id, token => carts.ClearAsync(caller, token));
        await BestEffortAsync("record the purchase for recommendations", order.Id,
            token => recommendations.RecordPurchaseAsync(new PurchaseNotice(order.Id, order.Lines.Select(line => line.Sku).ToList()), token));
        return CheckoutResult.Placed(order.ToResponse(await shipments.FindByOrderAsync(order.Id, cancellationToken)));
    }

    private static readonly TimeSpan BestEffortTimeout = TimeSpan.FromSeconds(2);

    private async Task BestEffortAsync(string step, Guid orderId, Func<CancellationToken, Task> call)
    {
        using var timeout = new CancellationTokenSource(BestEffortTimeout);
        try
        {
            await call(timeout.Token);
        }
        catch (Exception exception) when (exception is DownstreamUnavailableException or OperationCanceledException)
        {
            LogBestEffortFailed(logger, step, orderId, exception);
        }
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

    /// <summary>A retry with a key seen before: the same answer for a settled order, the rest of the
    /// steps for one still in checkout (its payment pending, or its first attempt cut short).</summary>
    private async Task<CheckoutResult> ReplayAsync(KeyedOrder earlier, CheckoutCommand command, string fingerprint, CancellationToken cancellationToken)
    {
        if (earlier.RequestFingerprint != fingerprint)
        {
            return CheckoutResult.Fail(CheckoutFailure.KeyReused, "This Idempotency-Key already placed an order with a different request body.");
        }
        var order = earlier.Order;
        return order.Status switch
        {
            _ when order.IsInCheckout => await ContinueAsync(order, command),
            OrderStatus.PaymentFailed => CheckoutResult.Declined(order.Id, "declined"),
            OrderStatus.Cancelled => CheckoutResult.Fail(CheckoutFailure.Cancelled,
                "The order this Idempotency-Key placed was cancelled and its stock released; use a new key to try again.", order.Id),
            _ => CheckoutResult.Replay(order.ToResponse(await shipments.FindByOrderAsync(order.Id, cancellationToken))),
        };
    }

    [LoggerMessage(LogLevel.Warning, "Could not {Step} after order {OrderId} was paid")]
    private static partial void LogBestEffortFailed(ILogger logger, string step, Guid orderId, Exception exception);

    [LoggerMessage(LogLevel.Error, "The stock reservation of order {OrderId} could not be settled and stays reserved")]
    private static partial void LogStockLeftReserved(ILogger logger, Guid orderId, Exception exception);
}
