using System.Net.Http.Json;

namespace Bazaar.Payments.Tests;

internal static class ChargeRequests
{
    public const string GoodCard = "4242424242424242";

    public static object Body(Guid orderId, Guid userId, string number = GoodCard, decimal amount = 25.50m, string currency = "USD",
        int expiryMonth = 12, int? expiryYear = null, string cvc = "123") => new
    {
        orderId,
        userId,
        amount = new { amount, currency },
        card = new { number, expiryMonth, expiryYear = expiryYear ?? DateTime.UtcNow.Year + 2, cvc },
    };

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, object body, string? idempotencyKey)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/internal/payments") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return await client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }
}
