using System.Net.Http.Json;
using Bazaar.Orders.Tests.Fakes;

namespace Bazaar.Orders.Tests;

internal static class Checkouts
{
    public static object Body(string number = FakePayments.Good, string country = "GB", string name = "Ann Shopper", int expiryMonth = 12, int? expiryYear = null) => new
    {
        card = new { number, expiryMonth, expiryYear = expiryYear ?? DateTime.UtcNow.Year + 2, cvc = "123" },
        shippingAddress = new { name, line1 = "1 High Street", line2 = (string?)null, city = "London", postalCode = "N1 9GU", country },
    };

    public static async Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/orders") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey ?? "checkout-" + Guid.NewGuid().ToString("N"));
        return await client.SendAsync(request, Xunit.TestContext.Current.CancellationToken);
    }
}
