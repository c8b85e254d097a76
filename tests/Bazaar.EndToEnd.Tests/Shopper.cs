using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.EndToEnd.Tests;

/// <summary>A customer using the shop through the gateway only, as a browser or app would.</summary>
public sealed class Shopper(HttpClient gateway)
{
    private string? _token;

    public static async Task<Shopper> SignUpAsync(HttpClient gateway, CancellationToken ct)
    {
        var email = $"e2e-{Guid.NewGuid():N}@example.com";
        var registered = await gateway.PostAsJsonAsync("/api/users/register", new { email, password = "correct horse battery", name = "E2E Shopper" }, ct);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        return await LogInAsync(gateway, email, "correct horse battery", ct);
    }

    public static async Task<Shopper> LogInAsync(HttpClient gateway, string email, string password, CancellationToken ct)
    {
        var login = await gateway.PostAsJsonAsync("/api/users/login", new { email, password }, ct);
        login.EnsureSuccessStatusCode();
        return new Shopper(gateway) { _token = (await login.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("accessToken").GetString() };
    }

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, string? idempotencyKey = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null) request.Content = JsonContent.Create(body);
        return await gateway.SendAsync(request, ct);
    }

    public async Task<JsonElement> GetAsync(string path, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Get, path, ct: ct);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(ct);
    }

    public async Task SetQuantityAsync(string sku, int quantity, CancellationToken ct)
    {
        var response = await SendAsync(HttpMethod.Put, $"/api/cart/items/{sku}", new { quantity }, ct: ct);
        Assert.True(response.IsSuccessStatusCode, $"PUT cart {sku}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
    }

    public Task<HttpResponseMessage> CheckOutAsync(string idempotencyKey, CancellationToken ct, string card = "4242424242424242") =>
        SendAsync(HttpMethod.Post, "/api/orders", new
        {
            card = new { number = card, expiryMonth = 12, expiryYear = DateTime.UtcNow.Year + 3, cvc = "123" },
            shippingAddress = new { name = "E2E Shopper", line1 = "1 Market Street", city = "Springfield", postalCode = "12345", country = "US" },
        }, idempotencyKey, ct);
}
