using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Discovery;
using System.Net;
using System.Net.Http.Json;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Downstream;

internal sealed class PaymentGatewayClient(HttpClient http) : IPaymentGateway
{
    public const string Service = "payment-service";

    public static string IdempotencyKeyFor(Guid orderId) => $"order-{orderId}";

    public static string RefundKeyFor(Guid returnId) => $"return-{returnId}";

    /// <summary>Captured or declined only when payment-service said so; anything else (no answer,
    /// a 5xx, 409 payment-in-progress, an unreadable reply) is <see cref="PaymentOutcome.Unknown"/>,
    /// because the charge may have gone through.</summary>
    public async Task<PaymentOutcome> PayAsync(PaymentRequest payment, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RepeatableWrite.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/internal/payments")
            {
                Headers = { { IdempotencyKey.Header, IdempotencyKeyFor(payment.OrderId) } },
                Content = JsonContent.Create(payment, OrdersJson.Default.PaymentRequest),
            }, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.Created:
                    var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.PaymentReply, cancellationToken);
                    if (reply is null) return PaymentOutcome.Unknown;
                    return reply.Status == "Captured" ? PaymentOutcome.Capture(reply.PaymentId) : PaymentOutcome.Decline(reply.DeclineCode ?? "declined");
                case HttpStatusCode.UnprocessableEntity: // the provider does not know the card: refused before any charge
                    return PaymentOutcome.Decline("unknown_card");
                case HttpStatusCode.BadRequest: // the payment request was refused before any charge
                    return PaymentOutcome.Decline("invalid_card");
                default:
                    return PaymentOutcome.Unknown;
            }
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken) || exception is System.Text.Json.JsonException)
        {
            return PaymentOutcome.Unknown;
        }
    }

    public async Task<OrderPayment> FindForOrderAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync($"/internal/payments/orders/{orderId}", cancellationToken);
            response.EnsureSuccessStatusCode();
            var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.OrderPaymentReply, cancellationToken)
                ?? throw new HttpRequestException("payment-service answered an empty body.");
            var state = reply.State switch
            {
                "Pending" => OrderPaymentState.Pending,
                "Captured" => OrderPaymentState.Captured,
                "Declined" => OrderPaymentState.Declined,
                "Closed" or "Refunded" => OrderPaymentState.Closed,
                _ => OrderPaymentState.None,
            };
            return new OrderPayment(state, reply.PaymentId, reply.DeclineCode);
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken) || exception is System.Text.Json.JsonException)
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }

    public async Task<PaymentClosure> CloseAsync(Guid orderId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RepeatableWrite.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/internal/payments/orders/{orderId}/cancel"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.Conflict) return new PaymentClosure(InProgress: true, null);
            response.EnsureSuccessStatusCode();
            var reply = await response.Content.ReadFromJsonAsync(OrdersJson.Default.PaymentClosureReply, cancellationToken)
                ?? throw new HttpRequestException("payment-service answered an empty body.");
            return new PaymentClosure(InProgress: false, reply.Refunded);
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken) || exception is System.Text.Json.JsonException)
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }

    /// <summary>201 is a refund; a 5xx (503 refund-pending: held, not yet confirmed by the provider)
    /// is pending; any other answer (409 refund-exceeds-capture, 404 ...) is a refusal, with its problem.</summary>
    public async Task<PaymentRefund> RefundAsync(Guid paymentId, Guid returnId, Money amount, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await RepeatableWrite.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, $"/internal/payments/{paymentId}/refunds")
            {
                Headers = { { IdempotencyKey.Header, RefundKeyFor(returnId) } },
                Content = JsonContent.Create(new PaymentRefundRequest(amount), OrdersJson.Default.PaymentRefundRequest),
            }, cancellationToken);
            if (response.IsSuccessStatusCode) return new PaymentRefund(RefundState.Refunded);
            if ((int)response.StatusCode >= 500) return new PaymentRefund(RefundState.Pending);
            return new PaymentRefund(RefundState.Refused, await RefusalAsync(response, cancellationToken));
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }

    private static async Task<string> RefusalAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        DownstreamProblem? problem;
        try
        {
            problem = await response.Content.ReadFromJsonAsync(OrdersJson.Default.DownstreamProblem, cancellationToken);
        }
        catch (System.Text.Json.JsonException)
        {
            problem = null;
        }
        return $"{(int)response.StatusCode} {problem?.Type?.Replace("urn:bazaar:problem:", "", StringComparison.Ordinal)}: {problem?.Detail}".TrimEnd(' ', ':');
    }
}
