using System.Collections.Concurrent;
using Bazaar.Orders.Downstream;

namespace Bazaar.Orders.Tests.Fakes;

/// <summary>Answers by card number like the simulated provider; one more card stands for a
/// payment-service that cannot be reached.</summary>
internal sealed class FakePayments : IPaymentGateway
{
    public const string Good = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string Unreachable = "5555555555554444";

    public ConcurrentQueue<PaymentRequest> Requests { get; } = new();

    public int RequestsFor(Guid orderId) => Requests.Count(r => r.OrderId == orderId);

    public Task<PaymentOutcome> PayAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return request.Card.Number switch
        {
            Good => Task.FromResult(PaymentOutcome.Capture(Guid.NewGuid())),
            Declined => Task.FromResult(PaymentOutcome.Decline("card_declined")),
            _ => throw new DownstreamUnavailableException("payment-service"),
        };
    }
}
