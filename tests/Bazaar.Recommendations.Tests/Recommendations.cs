using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Recommendations.Tests;

internal sealed record Recommendation(string Sku, string Strategy, bool Fallback, IReadOnlyList<(string Sku, long Score)> Items);

internal static class Recommendations
{
    public static async Task<Recommendation> RecommendAsync(this HttpClient client, string sku, int? limit = null)
    {
        var url = $"/api/recommendations/products/{sku}" + (limit is null ? "" : $"?limit={limit}");
        var body = await client.GetFromJsonAsync<JsonElement>(url, Xunit.TestContext.Current.CancellationToken);
        return new Recommendation(
            body.GetProperty("sku").GetString()!,
            body.GetProperty("strategy").GetString()!,
            body.GetProperty("fallback").GetBoolean(),
            body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("score").GetInt64())).ToList());
    }
}
