using Bazaar.Platform.Discovery;
using System.Net.Http.Json;

namespace Bazaar.Recommendations.Catalog;

internal sealed class ProductCatalogClient(HttpClient http) : IProductCatalog
{
    public async Task<IReadOnlyList<CatalogProduct>> FindAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync("/internal/products/quote", new QuoteRequest(skus), RecommendationsJson.Default.QuoteRequest, cancellationToken);
            response.EnsureSuccessStatusCode();
            var quote = await response.Content.ReadFromJsonAsync(RecommendationsJson.Default.QuoteResponse, cancellationToken);
            return quote?.Items.Select(p => new CatalogProduct(p.Sku, p.Name, p.CategoryId, p.Active, p.Available)).ToList() ?? [];
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new CatalogUnavailableException(exception);
        }
    }
}
