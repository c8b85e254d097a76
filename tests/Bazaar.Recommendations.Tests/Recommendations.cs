using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Recommendations.Tests;

internal sealed record Recommendation(string Sku, string Strategy, bool Fallback, bool Degraded, IReadOnlyList<(string Sku, double Score)> Items)
{
    public IReadOnlyList<string> Skus => [.. Items.Select(i => i.Sku)];

    /// <summary>The items with scores rounded to six decimals, to compare with hand-computed values.</summary>
    public IReadOnlyList<(string Sku, double Score)> Rounded => [.. Items.Select(i => (i.Sku, Math.Round(i.Score, 6)))];
}

internal static class Recommendations
{
    public static async Task<Recommendation> RecommendAsync(this HttpClient client, string sku, int? limit = null, string? query = null)
    {
        var url = $"/api/recommendations/products/{sku}?" + (limit is null ? "" : $"limit={limit}&") + query;
        var body = await client.GetFromJsonAsync<JsonElement>(url, Xunit.TestContext.Current.CancellationToken);
        return new Recommendation(
            body.GetProperty("sku").GetString()!,
            body.GetProperty("strategy").GetString()!,
            body.GetProperty("fallback").GetBoolean(),
            body.GetProperty("degraded").GetBoolean(),
            body.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("sku").GetString()!, i.GetProperty("score").GetDouble())).ToList());
    }
}
