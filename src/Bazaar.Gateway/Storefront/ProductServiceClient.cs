using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Gateway.Storefront;

/// <summary>product-service's <c>GET /api/products/{id}</c>. The detail is kept as the JSON it
/// answered, so the page shows whatever product-service adds to it.</summary>
internal sealed class ProductServiceClient(HttpClient http)
{
    /// <summary>The product, or null when product-service does not know it. Throws
    /// <see cref="HttpRequestException"/> when product-service gave no usable answer.</summary>
    public async Task<FoundProduct?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync($"/api/products/{id}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
        response.EnsureSuccessStatusCode();
        JsonElement detail;
        try
        {
            detail = await response.Content.ReadFromJsonAsync(GatewayJson.Default.JsonElement, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, "product-service answered a product that is not JSON.", exception);
        }
        return detail.ValueKind == JsonValueKind.Object && detail.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.String
            ? new FoundProduct(detail, sku.GetString()!)
            : throw new HttpRequestException(HttpRequestError.InvalidResponse, "product-service answered a product without a SKU.");
    }
}

internal sealed record FoundProduct(JsonElement Detail, string Sku);
