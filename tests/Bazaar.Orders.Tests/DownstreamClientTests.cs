using System.Net;
using System.Net.Http.Headers;
using Bazaar.Orders.Downstream;
using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Money;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The typed clients against canned HTTP answers: what they send, and how they read what
/// comes back.</summary>
public sealed class DownstreamClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static PaymentRequest Payment(Guid orderId) =>
        new(orderId, Guid.NewGuid(), new Money(10m, "USD"), new PaymentCard("4242424242424242", 12, 2099, "123"));

    [Fact]
    public async Task The_carts_stored_lines_are_read_with_the_callers_token()
    {
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.OK, """{"lines":[{"sku":"SKU-1","quantity":2}]}"""));

        var lines = await new CartClient(handler.Client()).GetLinesAsync(new AuthenticationHeaderValue("Bearer", "the-token"), Ct);

        Assert.Equal([new CartLineView("SKU-1", 2)], lines);
        var (request, _) = Assert.Single(handler.Received);
        Assert.Equal("/api/cart/lines", request.RequestUri!.AbsolutePath); // unpriced: order-service quotes them itself
        Assert.Equal("Bearer the-token", request.Headers.Authorization?.ToString());
    }

    [Fact]
    public async Task A_payment_carries_a_key_derived_from_the_order_and_reads_the_outcome()
    {
        var orderId = Guid.NewGuid();
        var paymentId = Guid.NewGuid();
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.Created,
            $$"""{"paymentId":"{{paymentId}}","orderId":"{{orderId}}","status":"Captured","declineCode":null,"amount":{"amount":10,"currency":"USD"},"cardLast4":"4242"}"""));

        var outcome = await new PaymentGatewayClient(handler.Client()).PayAsync(Payment(orderId), Ct);

        Assert.Equal(PaymentOutcome.Capture(paymentId), outcome);
        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal($"order-{orderId}", Assert.Single(request.Headers.GetValues("Idempotency-Key")));
        Assert.Contains("\"number\":\"4242424242424242\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpStatusCode.Created, """{"paymentId":"0197a4b0-0000-7000-8000-000000000000","orderId":"0197a4b0-0000-7000-8000-000000000000","status":"Declined","declineCode":"insufficient_funds"}""", "insufficient_funds")]
    [InlineData(HttpStatusCode.UnprocessableEntity, """{"type":"urn:bazaar:problem:unknown-card","status":422}""", "unknown_card")]
    public async Task Refused_payments_are_declines(HttpStatusCode status, string json, string declineCode)
    {
        var handler = new StubHandler(StubHandler.Json(status, json));
        var outcome = await new PaymentGatewayClient(handler.Client()).PayAsync(Payment(Guid.NewGuid()), Ct);
        Assert.Equal(PaymentOutcome.Decline(declineCode), outcome);
    }

    [Fact]
    public async Task A_payment_request_carries_the_orders_key_so_the_traffic_policy_may_retry_it()
    {
        var orderId = Guid.NewGuid();
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.Created,
            $$"""{"paymentId":"{{Guid.NewGuid()}}","orderId":"{{orderId}}","status":"Captured","declineCode":null}"""));

        var outcome = await new PaymentGatewayClient(handler.Client()).PayAsync(Payment(orderId), Ct);

        Assert.Equal(PaymentState.Captured, outcome.State);
        var sent = Assert.Single(handler.Received).Request;
        Assert.Equal($"order-{orderId}", Assert.Single(sent.Headers.GetValues("Idempotency-Key")));
        Assert.True(sent.IsMarkedRepeatable());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_payment_service_that_keeps_failing_leaves_the_outcome_unknown(bool unreachable)
    {
        var handler = new StubHandler(unreachable ? StubHandler.Unreachable : StubHandler.Status(HttpStatusCode.ServiceUnavailable));

        var outcome = await new PaymentGatewayClient(handler.Client()).PayAsync(Payment(Guid.NewGuid()), Ct);

        // Retrying on another replica is the traffic policy's job (one send here); the saga asks again later.
        Assert.Equal(PaymentOutcome.Unknown, outcome);
        Assert.Single(handler.Received);
    }

    [Fact]
    public async Task A_payment_still_in_progress_is_not_a_decline()
    {
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.Conflict,
            """{"type":"urn:bazaar:problem:payment-in-progress","status":409}""", "application/problem+json"));

        Assert.Equal(PaymentOutcome.Unknown, await new PaymentGatewayClient(handler.Client()).PayAsync(Payment(Guid.NewGuid()), Ct));
    }

    [Fact]
    public async Task Short_stock_is_read_from_the_problem()
    {
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.Conflict,
            """{"type":"urn:bazaar:problem:insufficient-stock","status":409,"detail":"Not enough stock of SKU-9."}""", "application/problem+json"));
        var reservationId = Guid.NewGuid();

        var outcome = await new InventoryClient(handler.Client()).ReserveAsync(reservationId, [new ReservationLine("SKU-9", 3)], TimeSpan.FromMinutes(20), Ct);

        Assert.Equal(new ReservationOutcome(ReservationStatus.InsufficientStock, "Not enough stock of SKU-9."), outcome);
        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal("/internal/inventory/reservations", request.RequestUri!.AbsolutePath);
        Assert.Contains($"\"reservationId\":\"{reservationId}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"expiresInSeconds\":1200", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Reserved", true)]
    [InlineData("Committed", true)]
    [InlineData("Released", false)]
    public async Task A_reservation_holds_stock_only_while_it_is_not_released(string status, bool holds)
    {
        var reservationId = Guid.NewGuid();
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.OK, $$"""{"reservationId":"{{reservationId}}","status":"{{status}}"}"""));

        var outcome = await new InventoryClient(handler.Client()).ReserveAsync(reservationId, [new ReservationLine("SKU-9", 1)], TimeSpan.FromMinutes(20), Ct);

        Assert.Equal(holds ? ReservationStatus.Reserved : ReservationStatus.Released, outcome.Status);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, nameof(SettleStatus.Done))]
    [InlineData(HttpStatusCode.Conflict, nameof(SettleStatus.Refused))]
    [InlineData(HttpStatusCode.NotFound, nameof(SettleStatus.NotFound))]
    public async Task Ending_a_reservation_says_how_it_went(HttpStatusCode answer, string expected)
    {
        var handler = new StubHandler(StubHandler.Status(answer));
        var reservationId = Guid.NewGuid();

        Assert.Equal(Enum.Parse<SettleStatus>(expected), await new InventoryClient(handler.Client()).ReleaseAsync(reservationId, Ct));

        Assert.Equal($"/internal/inventory/reservations/{reservationId}/release", Assert.Single(handler.Received).Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task A_server_error_while_committing_is_no_answer_at_all()
    {
        var handler = new StubHandler(StubHandler.Status(HttpStatusCode.InternalServerError));

        await Assert.ThrowsAsync<DownstreamUnavailableException>(() => new InventoryClient(handler.Client()).CommitAsync(Guid.NewGuid(), Ct));
    }

    [Theory]
    [InlineData("None", nameof(OrderPaymentState.None))]
    [InlineData("Pending", nameof(OrderPaymentState.Pending))]
    [InlineData("Captured", nameof(OrderPaymentState.Captured))]
    [InlineData("Declined", nameof(OrderPaymentState.Declined))]
    [InlineData("Closed", nameof(OrderPaymentState.Closed))]
    [InlineData("Refunded", nameof(OrderPaymentState.Closed))]
    public async Task An_orders_payment_is_looked_up_by_order(string state, string expected)
    {
        var orderId = Guid.NewGuid();
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.OK, $$"""{"orderId":"{{orderId}}","state":"{{state}}","paymentId":null,"declineCode":null}"""));

        var payment = await new PaymentGatewayClient(handler.Client()).FindForOrderAsync(orderId, Ct);

        Assert.Equal(Enum.Parse<OrderPaymentState>(expected), payment.State);
        Assert.Equal($"/internal/payments/orders/{orderId}", Assert.Single(handler.Received).Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task Closing_an_order_reports_the_refund_or_a_charge_in_flight()
    {
        var orderId = Guid.NewGuid();
        var refunded = new StubHandler(StubHandler.Json(HttpStatusCode.OK,
            $$$"""{"orderId":"{{{orderId}}}","state":"Refunded","refunded":{"amount":12.50,"currency":"USD"}}"""));
        var inFlight = new StubHandler(StubHandler.Status(HttpStatusCode.Conflict));

        var closure = await new PaymentGatewayClient(refunded.Client()).CloseAsync(orderId, Ct);
        var busy = await new PaymentGatewayClient(inFlight.Client()).CloseAsync(orderId, Ct);

        Assert.Equal(new PaymentClosure(false, new Money(12.50m, "USD")), closure);
        Assert.Equal($"/internal/payments/orders/{orderId}/cancel", Assert.Single(refunded.Received).Request.RequestUri!.AbsolutePath);
        Assert.True(busy.InProgress);
    }

    [Fact]
    public async Task A_return_is_refunded_under_a_key_derived_from_the_return()
    {
        var (paymentId, returnId) = (Guid.NewGuid(), Guid.NewGuid());
        var handler = new StubHandler(StubHandler.Json(HttpStatusCode.Created,
            $$"""{"refundId":"{{Guid.NewGuid()}}","paymentId":"{{paymentId}}","amount":{"amount":7.5,"currency":"USD"},"refundedTotal":{"amount":7.5,"currency":"USD"},"status":"PartiallyRefunded"}"""));

        var refund = await new PaymentGatewayClient(handler.Client()).RefundAsync(paymentId, returnId, new Money(7.50m, "USD"), Ct);

        Assert.Equal(RefundState.Refunded, refund.State);
        var (request, body) = Assert.Single(handler.Received);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal($"/internal/payments/{paymentId}/refunds", request.RequestUri!.AbsolutePath);
        Assert.Equal($"return-{returnId}", Assert.Single(request.Headers.GetValues("Idempotency-Key")));
        Assert.Equal("""{"amount":{"amount":7.50,"currency":"USD"}}""", body);
    }

    [Fact]
    public async Task A_refund_the_provider_has_not_confirmed_is_pending_and_a_refusal_says_why()
    {
        var pending = new StubHandler(StubHandler.Json(HttpStatusCode.ServiceUnavailable,
            """{"type":"urn:bazaar:problem:refund-pending","status":503}""", "application/problem+json"));
        var refused = new StubHandler(StubHandler.Json(HttpStatusCode.Conflict,
            """{"type":"urn:bazaar:problem:refund-exceeds-capture","status":409,"detail":"Too much."}""", "application/problem+json"));
        var money = new Money(1m, "USD");

        var notYet = await new PaymentGatewayClient(pending.Client()).RefundAsync(Guid.NewGuid(), Guid.NewGuid(), money, Ct);
        var no = await new PaymentGatewayClient(refused.Client()).RefundAsync(Guid.NewGuid(), Guid.NewGuid(), money, Ct);

        Assert.Equal(RefundState.Pending, notYet.State);
        Assert.Single(pending.Received);
        Assert.Equal(RefundState.Refused, no.State);
        Assert.Equal("409 refund-exceeds-capture: Too much.", no.Detail);
    }

    [Fact]
    public async Task An_unreachable_payment_service_is_no_refund_answer_at_all()
    {
        var handler = new StubHandler(StubHandler.Unreachable);
        await Assert.ThrowsAsync<DownstreamUnavailableException>(() =>
            new PaymentGatewayClient(handler.Client()).RefundAsync(Guid.NewGuid(), Guid.NewGuid(), new Money(1m, "USD"), Ct));
    }
}
