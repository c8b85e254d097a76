using System.Collections.Concurrent;
using Bazaar.Orders.Downstream;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>A payment-service in memory: answers by card number like the simulated provider,
/// at most one capture per order, closing an order refunds its capture, and a return is refunded
/// once per return id, never beyond what was captured. One more card stands for
/// a payment-service that cannot confirm anything; <see cref="Unreachable"/> makes every call
/// fail, and <see cref="LoseAnswers"/> charges but loses the answer.</summary>
internal sealed class FakePayments : IPaymentGateway
{
    public const string Good = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string Unanswered = "5555555555554444";

    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Record> _orders = [];

    public ConcurrentQueue<PaymentRequest> Requests { get; } = new();

    public int RequestsFor(Guid orderId) => Requests.Count(r => r.OrderId == orderId);

    /// <summary>While set, payment-service cannot be reached: nothing is charged, nothing answered.</summary>
    public bool Unreachable { get; set; }

    /// <summary>While set, a good card is charged but the answer is lost on the way back.</summary>
    public bool LoseAnswers { get; set; }

    /// <summary>While set, every refund of a return is refused (as a 409 refund-exceeds-capture).</summary>
    public bool RefuseRefunds { get; set; }

    /// <summary>Every refund of a return asked for: (payment id, return id, amount).</summary>
    public ConcurrentQueue<(Guid PaymentId, Guid ReturnId, Money Amount)> RefundRequests { get; } = new();

    /// <summary>The refunds of the order's returns that went through, by return id.</summary>
    public IReadOnlyDictionary<Guid, Money> ReturnRefunds(Guid orderId)
    {
        lock (_lock) return _orders.TryGetValue(orderId, out var record) ? new Dictionary<Guid, Money>(record.ReturnRefunds) : [];
    }

    public Money? Captured(Guid orderId)
    {
        lock (_lock) return _orders.TryGetValue(orderId, out var record) && record.PaymentId is not null ? record.Amount : null;
    }

    public Money? Refunded(Guid orderId)
    {
        lock (_lock) return _orders.TryGetValue(orderId, out var record) ? record.Refunded : null;
    }

    public bool IsClosed(Guid orderId)
    {
        lock (_lock) return _orders.TryGetValue(orderId, out var record) && record.Closed;
    }

    public Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (Unreachable || request.Card.Number == Unanswered) return Task.FromResult(PaymentOutcome.Unknown);
        lock (_lock)
        {
            var record = RecordFor(request.OrderId, request.Amount);
            if (record.Closed) return Task.FromResult(PaymentOutcome.Unknown); // 409 order-closed
            if (record.PaymentId is { } earlier) return Task.FromResult(PaymentOutcome.Capture(earlier));
            switch (request.Card.Number)
            {
                case Good:
                    record.PaymentId = Guid.NewGuid();
                    return Task.FromResult(LoseAnswers ? PaymentOutcome.Unknown : PaymentOutcome.Capture(record.PaymentId.Value));
                case Declined:
                    record.DeclineCode = "card_declined";
                    return Task.FromResult(PaymentOutcome.Decline("card_declined"));
                default:
                    return Task.FromResult(PaymentOutcome.Unknown);
            }
        }
    }

    public Task<OrderPayment> FindForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (Unreachable) throw new DownstreamUnavailableException(PaymentGatewayClient.Service);
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var record)) return Task.FromResult(new OrderPayment(OrderPaymentState.None, null, null));
            var state = record switch
            {
                { Closed: true } => OrderPaymentState.Closed,
                { PaymentId: not null } => OrderPaymentState.Captured,
                { DeclineCode: not null } => OrderPaymentState.Declined,
                _ => OrderPaymentState.None,
            };
            return Task.FromResult(new OrderPayment(state, record.PaymentId, record.DeclineCode));
        }
    }

    public Task<PaymentClosure> CloseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        if (Unreachable) throw new DownstreamUnavailableException(PaymentGatewayClient.Service);
        lock (_lock)
        {
            var record = RecordFor(orderId, null);
            record.Closed = true;
            if (record.PaymentId is not null && record.Refunded is null) record.Refunded = record.Amount;
            return Task.FromResult(new PaymentClosure(InProgress: false, record.Refunded));
        }
    }

    public Task<PaymentRefund> RefundAsync(Guid paymentId, Guid returnId, Money amount, CancellationToken cancellationToken)
    {
        RefundRequests.Enqueue((paymentId, returnId, amount));
        if (Unreachable) throw new DownstreamUnavailableException(PaymentGatewayClient.Service);
        lock (_lock)
        {
            var record = _orders.Values.SingleOrDefault(r => r.PaymentId == paymentId);
            if (record is null) return Task.FromResult(new PaymentRefund(RefundState.Refused, "404 not-found: There is no such payment."));
            if (record.ReturnRefunds.ContainsKey(returnId)) return Task.FromResult(new PaymentRefund(RefundState.Refunded));
            var refunded = record.ReturnRefunds.Values.Sum(m => m.Amount) + (record.Refunded?.Amount ?? 0m);
            if (RefuseRefunds || refunded + amount.Amount > record.Amount!.Value.Amount)
            {
                return Task.FromResult(new PaymentRefund(RefundState.Refused, "409 refund-exceeds-capture: The refunds would add up to more than was captured."));
            }
            record.ReturnRefunds[returnId] = amount;
            return Task.FromResult(new PaymentRefund(RefundState.Refunded));
        }
    }

    private Record RecordFor(Guid orderId, Money? amount)
    {
        if (!_orders.TryGetValue(orderId, out var record)) _orders[orderId] = record = new Record();
        record.Amount ??= amount;
        return record;
    }

    private sealed class Record
    {
        public Money? Amount { get; set; }
        public Guid? PaymentId { get; set; }
        public string? DeclineCode { get; set; }
        public bool Closed { get; set; }
        public Money? Refunded { get; set; }
        public Dictionary<Guid, Money> ReturnRefunds { get; } = [];
    }
}
