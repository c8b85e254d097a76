using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Gateway.Storefront;

/// <summary>recommendation-service's <c>GET /api/recommendations/products/{sku}</c>. The call is
/// bounded by the traffic policy's timeout for recommendation-service (the governed handler under
/// every HttpClient applies it), which keeps a slow recommender from holding up the product page.</summary>
internal sealed class RecommendationServiceClient(HttpClient http)
{
    public const int Limit = 6;

    /// <summary>Throws <see cref="HttpRequestException"/> for any answer but a usable 200, and the
    /// governed handler's timeout when recommendation-service is too slow.</summary>
    public async Task<PageRecommendations> ForProductAsync(string sku, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/recommendations/products/{Uri.EscapeDataString(sku)}?limit={Limit}", cancellationToken);
        response.EnsureSuccessStatusCode();
        try
        {
            return await response.Content.ReadFromJsonAsync(GatewayJson.Default.PageRecommendations, cancellationToken)
                ?? throw new HttpRequestException(HttpRequestError.InvalidResponse, "recommendation-service answered null.");
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "recommendation-service answered something other than recommendations.", exception);
        }
    }
}
