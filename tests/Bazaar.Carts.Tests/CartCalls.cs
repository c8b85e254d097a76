using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bazaar.Testing;
using Xunit;

namespace Bazaar.Carts.Tests;

/// <summary>The calls the cart tests make over and over.</summary>
internal static class CartCalls
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Issues an anonymous cart and answers a client (without a token) that names it.</summary>
    public static async Task<(Guid CartId, HttpClient Client)> NewAnonymousCartAsync(this ServiceFactory<Program> service)
    {
        var response = await service.CreateClient().PostAsync("/api/carts", null, Cancellation);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cartId = (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("cartId").GetGuid();
        return (cartId, service.AnonymousClient(cartId.ToString()));
    }

    public static HttpClient AnonymousClient(this ServiceFactory<Program> service, string cartId)
    {
        var client = service.CreateClient();
        client.DefaultRequestHeaders.Add("X-Cart-Id", cartId);
        return client;
    }

    public static Task<HttpResponseMessage> PutAsync(this HttpClient client, string sku, int quantity) =>
        client.PutAsJsonAsync($"/api/cart/items/{sku}", new { quantity }, Cancellation);

    public static async Task<HttpResponseMessage> PutOkAsync(this HttpClient client, string sku, int quantity)
    {
        var response = await client.PutAsync(sku, quantity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    public static async Task<JsonElement> CartAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/cart", Cancellation);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
    }

    public static Task<HttpResponseMessage> MergeAsync(this HttpClient client, Guid cartId) =>
        client.PostAsJsonAsync("/api/cart/merge", new { cartId }, Cancellation);

    /// <summary>The cart's lines as SKU -> quantity.</summary>
    public static Dictionary<string, int> Quantities(this JsonElement cart) =>
        cart.GetProperty("lines").EnumerateArray().ToDictionary(line => line.GetProperty("sku").GetString()!, line => line.GetProperty("quantity").GetInt32());
}
