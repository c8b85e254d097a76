using System.Net;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class PaymentGatewayClient(HttpClient http) : IPaymentGateway
{
    public const string Service = "payment-service";

    public static string IdempotencyKeyFor(Guid orderId) => $"order-{orderId}";

    public async Task<PaymentOutcome> PayAsync(PaymentRequest payment, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RetryOnce.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/internal/payments")
            {
                Headers = { { "Idempotency-Key", IdempotencyKeyFor(payment.OrderId) } },
                Content = JsonContent.Create(payment, OrdersJson.Default.PaymentRequest),
            }, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.PaymentReply, cancellationToken)
                        ?? throw new DownstreamUnavailableException(Service);
                    return reply.Status == "Captured" ? PaymentOutcome.Capture(reply.PaymentId) : PaymentOutcome.Decline(reply.DeclineCode ?? "declined");
                case HttpStatusCode.UnprocessableEntity: // the provider does not know the card
                    return PaymentOutcome.Decline("unknown_card");
                case HttpStatusCode.BadRequest:
                    return PaymentOutcome.Decline("invalid_card");
                default:
                    throw new DownstreamUnavailableException(Service);
            }
        }
        catch (Exception exception) when (Transient.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }
}
