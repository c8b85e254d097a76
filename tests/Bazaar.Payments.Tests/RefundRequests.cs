using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Payments.Tests;

internal static class RefundRequests
{
    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public static object Body(decimal amount, string currency = "USD") => new { amount = new { amount, currency } };

    public static async Task<HttpResponseMessage> RefundAsync(this HttpClient client, Guid paymentId, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/internal/payments/{paymentId}/refunds") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Charges a new order and returns the payment's id.</summary>
    public static async Task<Guid> ChargeAsync(this HttpClient client, string number = ChargeRequests.GoodCard, decimal amount = 25.50m, Guid? userId = null, Guid? orderId = null)
    {
        var response = await client.PostAsync(ChargeRequests.Body(orderId ?? Guid.NewGuid(), userId ?? Guid.NewGuid(), number, amount), NewKey());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var payment = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return payment.GetProperty("paymentId").GetGuid();
    }
}
