using System.Collections.Concurrent;
using Bazaar.Orders.Downstream;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>Answers by card number like the simulated provider; one more card stands for a
/// payment-service that cannot confirm anything, and <see cref="Unconfirmed"/> makes every card do so.</summary>
internal sealed class FakePayments : IPaymentGateway
{
    public const string Good = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string Unreachable = "5555555555554444";

    public ConcurrentQueue<PaymentRequest> Requests { get; } = new();

    public int RequestsFor(Guid orderId) => Requests.Count(r => r.OrderId == orderId);

    /// <summary>While set, no payment gets a definite answer (payment-service down or timing out).</summary>
    public bool Unconfirmed { get; set; }

    public Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        if (Unconfirmed) return Task.FromResult(PaymentOutcome.Unknown);
        return Task.FromResult(request.Card.Number switch
        {
            Good => PaymentOutcome.Capture(Guid.NewGuid()),
            Declined => PaymentOutcome.Decline("card_declined"),
            _ => PaymentOutcome.Unknown,
        });
    }
}
