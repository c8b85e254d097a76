using System.Text.Json;

namespace Bazaar.Bench.Scenarios;

/// <summary>The requests the scenarios send, built cheaply: URIs and JSON bodies are made once.</summary>
internal static class Requests
{
    private static readonly byte[] OneUnit = JsonSerializer.SerializeToUtf8Bytes(new SetQuantityRequest(1), ApiJson.Default.SetQuantityRequest);

    /// <summary>The test card that always succeeds, and an address; the same for every order.</summary>
    private static readonly byte[] Checkout = JsonSerializer.SerializeToUtf8Bytes(
        new CheckoutRequest(
            new CardInput("4242424242424242", 12, DateTime.UtcNow.Year + 3, "123"),
            new AddressInput("Bench Shopper", "1 Load Street", null, "Benchton", "10001", "US")),
        ApiJson.Default.CheckoutRequest);

    public static HttpRequestMessage Get(Uri url) => new(HttpMethod.Get, url);

    public static HttpRequestMessage Get(Uri url, BenchUser user)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", user.Authorization);
        return request;
    }

    public static HttpRequestMessage SetCartQuantity(BenchHttp http, BenchUser user, string sku)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, http.Url("/api/cart/items/" + Uri.EscapeDataString(sku))) { Content = BenchHttp.Body(OneUnit) };
        request.Headers.TryAddWithoutValidation("Authorization", user.Authorization);
        return request;
    }

    /// <summary>A new order with a fresh Idempotency-Key: each scheduled checkout is a distinct purchase.</summary>
    public static HttpRequestMessage PlaceOrder(Uri orders, BenchUser user)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, orders) { Content = BenchHttp.Body(Checkout) };
        request.Headers.TryAddWithoutValidation("Authorization", user.Authorization);
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return request;
    }

    /// <summary>An order counts only once it is paid (or further along); anything else is an error named by its status.</summary>
    public static string? ReachedPaid(byte[] body)
    {
        try
        {
            var order = JsonSerializer.Deserialize(body, ApiJson.Default.PlacedOrder);
            return order?.Status switch
            {
                "Paid" or "Fulfilling" or "Shipped" or "Delivered" => null,
                null => "order without status",
                var status => "order " + status,
            };
        }
        catch (JsonException)
        {
            return "order body not JSON";
        }
    }
}
