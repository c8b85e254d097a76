using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Orders.Tests.Fakes;
using Bazaar.Platform.Auth;
using Xunit;

namespace Bazaar.Orders.Tests;

/// <summary>Steps the fulfilment tests share: place an order, call the admin endpoints.</summary>
internal static class OrderSteps
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Checks out one product for the user; the order's id (Paid, or PaymentFailed with the declined card).</summary>
    public static async Task<Guid> PlaceAsync(this OrdersFactory service, Guid userId, string card = FakePayments.Good)
    {
        service.Carts.Put(userId, (service.NewProduct(4m), 1));
        var response = await service.ClientFor(userId).CheckoutAsync(Checkouts.Body(card));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return body.TryGetProperty("id", out var id) ? id.GetGuid() : Guid.Parse(body.GetProperty("orderId").GetString()!);
    }

    public static HttpClient Admin(this OrdersFactory service) => service.ClientFor(Guid.NewGuid(), Roles.Admin);

    public static Task<HttpResponseMessage> FulfilAsync(this HttpClient admin, Guid orderId) =>
        admin.PostAsync($"/api/admin/orders/{orderId}/fulfilment", null, Ct);

    public static Task<HttpResponseMessage> ReportAsync(this HttpClient admin, Guid orderId, string status, string? note = null) =>
        admin.PostAsJsonAsync($"/api/admin/orders/{orderId}/shipment/events", new { status, note }, Ct);

    public static async Task<JsonElement> TrackAsync(this OrdersFactory service, Guid userId, Guid orderId, string query = "") =>
        await service.ClientFor(userId).GetFromJsonAsync<JsonElement>($"/api/orders/{orderId}/tracking{query}", Ct);

    public static IReadOnlyList<string?> Timeline(this JsonElement tracking) =>
        tracking.GetProperty("shipment").GetProperty("events").EnumerateArray().Select(e => e.GetProperty("status").GetString()).ToList();
}
