using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Orders.Domain;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Saga;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Data;
using Bazaar.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>The persisted checkout saga: what the runner finishes after the request is gone, the
/// payment deadline, and every compensation (refund, release, restock).</summary>
public sealed class SagaTests(SagaFactory service) : IClassFixture<SagaFactory>
{
    private const string Paid = "bazaar.orders.order-paid.v1";
    private const string Cancelled = "bazaar.orders.order-cancelled.v1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payment_whose_answer_was_lost_is_found_and_the_order_finished_without_a_retry()
    {
        var (userId, sku) = Shopper(onHand: 3, quantity: 2);
        var orderId = await CheckoutLosingTheAnswerAsync(userId);

        await service.SettledAsync(orderId);

        Assert.Equal("Paid", await StatusAsync(userId, orderId));
        Assert.Equal("Committed", service.Inventory.StateOf(orderId));
        Assert.Equal(1, service.Inventory.Available(sku));
        Assert.Equal(1, service.Payments.RequestsFor(orderId)); // found, not paid again
        Assert.Single(await service.EventsAsync(orderId), e => e.Type == Paid);
    }

    [Fact]
    public async Task An_unpaid_order_is_cancelled_at_its_deadline_and_its_stock_released()
    {
        var (userId, sku) = Shopper(onHand: 2, quantity: 2);
        var orderId = await PendingOrderAsync(await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(FakePayments.Unanswered)));
        Assert.Equal(0, service.Inventory.Available(sku));

        var saga = await service.SettledAsync(orderId);

        Assert.Equal("Cancelled", await StatusAsync(userId, orderId));
        Assert.Equal(CancelReason.PaymentDeadline, saga.Outcome);
        Assert.Equal("Released", service.Inventory.StateOf(orderId));
        Assert.Equal(2, service.Inventory.Available(sku));
        Assert.True(service.Payments.IsClosed(orderId)); // a charge arriving now is refused
        var cancelled = Assert.Single(await service.EventsAsync(orderId), e => e.Type == Cancelled);
        Assert.Equal(CancelReason.PaymentDeadline, cancelled.Data.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, cancelled.Data.GetProperty("refunded").ValueKind);
    }

    [Fact]
    public async Task Retrying_with_the_key_after_the_deadline_charges_nothing()
    {
        var (userId, _) = Shopper(onHand: 1, quantity: 1);
        var client = service.ClientFor(userId);
        var orderId = await PendingOrderAsync(await client.CheckoutAsync(Checkouts.Body(FakePayments.Unanswered), "late-key"));
        await service.SettledAsync(orderId);

        var late = await client.CheckoutAsync(Checkouts.Body(FakePayments.Unanswered), "late-key");

        await late.AssertProblemAsync(HttpStatusCode.Conflict, "order-cancelled");
        Assert.Null(service.Payments.Captured(orderId));
    }

    [Fact]
    public async Task A_capture_that_outlived_its_stock_hold_is_refunded_and_the_order_cancelled()
    {
        var (userId, sku) = Shopper(onHand: 1, quantity: 1);
        var orderId = await CheckoutLosingTheAnswerAsync(userId);
        service.Inventory.Expire(orderId); // the hold ran out before anyone learnt of the capture

        var saga = await service.SettledAsync(orderId);

        Assert.Equal("Cancelled", await StatusAsync(userId, orderId));
        Assert.Equal(CancelReason.StockHoldExpired, saga.Outcome);
        Assert.Equal(service.Payments.Captured(orderId), service.Payments.Refunded(orderId));
        Assert.Equal(1, service.Inventory.Available(sku));
        var cancelled = Assert.Single(await service.EventsAsync(orderId), e => e.Type == Cancelled);
        Assert.Equal(5m, cancelled.Data.GetProperty("refunded").GetProperty("amount").GetDecimal());
        Assert.DoesNotContain(await service.EventsAsync(orderId), e => e.Type == Paid);
    }

    [Fact]
    public async Task A_service_that_is_down_is_retried_until_it_answers()
    {
        var (userId, _) = Shopper(onHand: 1, quantity: 1);
        service.Inventory.CommitsUnreachable = true;
        Guid orderId;
        try
        {
            orderId = await CheckoutLosingTheAnswerAsync(userId);
            // The runner finds the capture, then fails to commit the stock a few times.
            var sagas = service.Services.GetRequiredService<SagaRepository>();
            await WaitUntilAsync(async () => (await sagas.FindAsync(orderId, Ct))!.Attempts >= 2);
            Assert.Equal(SagaStep.CommitStock, (await sagas.FindAsync(orderId, Ct))!.Step);
        }
        finally
        {
            service.Inventory.CommitsUnreachable = false;
        }

        await service.SettledAsync(orderId);

        Assert.Equal("Paid", await StatusAsync(userId, orderId));
        Assert.Equal("Committed", service.Inventory.StateOf(orderId));
    }

    [Fact]
    public async Task An_order_left_at_its_first_step_by_a_dead_request_is_resumed()
    {
        var sku = service.NewProduct(5m, onHand: 1);
        var userId = Guid.NewGuid();
        var order = Order.Place(Guid.CreateVersion7(), userId, [new OrderLine(sku, Guid.NewGuid(), "Mug", 1, new Bazaar.Platform.Money.Money(5m, "USD"))],
            new ShippingAddress("Ann", "1 High St", null, "London", "N1", "GB"), DateTimeOffset.UtcNow);
        var orders = service.Services.GetRequiredService<OrderRepository>();
        var sagas = service.Services.GetRequiredService<SagaRepository>();
        // As a checkout request leaves it when its process dies right after placing the order.
        await orders.TryAddAsync(order, "dead-request", "fingerprint",
            (connection, transaction, token) => sagas.StartAsync(connection, transaction, order.Id, DateTimeOffset.UtcNow + SagaFactory.PaymentDeadline, DateTimeOffset.UtcNow, token), Ct);

        await WaitUntilAsync(() => Task.FromResult(service.Inventory.StateOf(order.Id) == "Reserved"));
        var saga = await service.SettledAsync(order.Id);

        // With no card to pay with, the order waits for its customer until the deadline, then gives up.
        Assert.Equal(CancelReason.PaymentDeadline, saga.Outcome);
        Assert.Equal("Released", service.Inventory.StateOf(order.Id));
        Assert.Equal(1, service.Inventory.Available(sku));
    }

    [Fact]
    public async Task A_customer_cancels_a_paid_order_and_gets_a_refund_and_the_goods_go_back()
    {
        var (userId, sku) = Shopper(onHand: 4, quantity: 3);
        var orderId = (await (await service.ClientFor(userId).CheckoutAsync(Checkouts.Body())).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
        Assert.Equal(1, service.Inventory.Available(sku));

        var cancel = await service.ClientFor(userId).PostAsync($"/api/orders/{orderId}/cancel", null, Ct);
        var again = await service.ClientFor(userId).PostAsync($"/api/orders/{orderId}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("Cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var saga = await service.SettledAsync(orderId);
        Assert.Equal(CancelReason.CustomerCancelled, saga.Outcome);
        Assert.Equal(15m, service.Payments.Refunded(orderId)?.Amount);
        Assert.True(service.Inventory.WasReturned(orderId));
        Assert.Equal(4, service.Inventory.Available(sku));
        var cancelled = Assert.Single(await service.EventsAsync(orderId), e => e.Type == Cancelled);
        Assert.Equal(15m, cancelled.Data.GetProperty("refunded").GetProperty("amount").GetDecimal());
        Assert.Equal(1, service.Payments.RequestsFor(orderId));
    }

    [Fact]
    public async Task A_shipped_order_cannot_be_cancelled()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);
        var admin = service.Admin();
        await admin.FulfilAsync(orderId);
        await admin.ReportAsync(orderId, "PickedUp");

        var response = await service.ClientFor(userId).PostAsync($"/api/orders/{orderId}/cancel", null, Ct);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, "order-not-cancellable");
        Assert.Equal("Shipped", await StatusAsync(userId, orderId));
        Assert.Null(service.Payments.Refunded(orderId));
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_may_cancel()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId);

        var stranger = await service.ClientFor(Guid.NewGuid()).PostAsync($"/api/orders/{orderId}/cancel", null, Ct);
        var customerOnAdminRoute = await service.ClientFor(userId).PostAsync($"/api/admin/orders/{orderId}/cancel", null, Ct);
        var unknown = await service.Admin().PostAsync($"/api/admin/orders/{Guid.NewGuid()}/cancel", null, Ct);

        await stranger.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal(HttpStatusCode.Forbidden, customerOnAdminRoute.StatusCode);
        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.Equal("Paid", await StatusAsync(userId, orderId));

        var byAdmin = await service.Admin().PostAsync($"/api/admin/orders/{orderId}/cancel", null, Ct);

        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Equal(CancelReason.AdminCancelled, (await service.SettledAsync(orderId)).Outcome);
        Assert.NotNull(service.Payments.Refunded(orderId));
    }

    [Fact]
    public async Task A_declined_order_is_closed_for_payment_and_announced()
    {
        var userId = Guid.NewGuid();
        var orderId = await service.PlaceAsync(userId, FakePayments.Declined);

        var saga = await service.SettledAsync(orderId);

        Assert.Equal("PaymentFailed", await StatusAsync(userId, orderId));
        Assert.Equal(CancelReason.PaymentDeclined, saga.Outcome);
        Assert.True(service.Payments.IsClosed(orderId));
        Assert.Equal(CancelReason.PaymentDeclined,
            Assert.Single(await service.EventsAsync(orderId), e => e.Type == Cancelled).Data.GetProperty("reason").GetString());
    }

    private (Guid UserId, string Sku) Shopper(int onHand, int quantity)
    {
        var userId = Guid.NewGuid();
        var sku = service.NewProduct(5m, onHand);
        service.Carts.Put(userId, (sku, quantity));
        return (userId, sku);
    }

    /// <summary>Checks out with a good card whose capture goes through but whose answer is lost:
    /// the customer gets 503 payment-pending and the order waits in StockReserved.</summary>
    private async Task<Guid> CheckoutLosingTheAnswerAsync(Guid userId)
    {
        service.Payments.LoseAnswers = true;
        try
        {
            return await PendingOrderAsync(await service.ClientFor(userId).CheckoutAsync(Checkouts.Body()));
        }
        finally
        {
            service.Payments.LoseAnswers = false;
        }
    }

    private static async Task<Guid> PendingOrderAsync(HttpResponseMessage response)
    {
        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-pending");
        return Guid.Parse(problem.GetProperty("orderId").GetString()!);
    }

    private async Task<string?> StatusAsync(Guid userId, Guid orderId) =>
        (await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}", Ct)).GetProperty("status").GetString();

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition never held.");
            await Task.Delay(20, Ct);
        }
    }
}
