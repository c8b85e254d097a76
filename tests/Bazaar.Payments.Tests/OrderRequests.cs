using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace Bazaar.Payments.Tests;

internal static class OrderRequests
{
    public static Task<HttpResponseMessage> CancelOrderAsync(this HttpClient client, Guid orderId) =>
        client.PostAsync($"/internal/payments/orders/{orderId}/cancel", null, TestContext.Current.CancellationToken);

    public static async Task<JsonElement> OrderStatusAsync(this HttpClient client, Guid orderId)
    {
        var response = await client.GetAsync($"/internal/payments/orders/{orderId}", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public static decimal? AmountOf(this JsonElement element, string property) =>
        element.GetProperty(property).ValueKind == JsonValueKind.Null ? null : element.GetProperty(property).GetProperty("amount").GetDecimal();
}
