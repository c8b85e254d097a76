using Bazaar.Platform.Discovery;
using System.Globalization;
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
            return quote?.Items.Select(p => new CatalogProduct(p.Sku, p.Name, p.CategoryId, p.Active)).ToList() ?? [];
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new CatalogUnavailableException(exception);
        }
    }

    public async Task<IReadOnlyList<CatalogProduct>> ListCategoryAsync(Guid categoryId, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var url = string.Create(CultureInfo.InvariantCulture, $"/api/products?category={categoryId}&limit={limit}");
            var page = await http.GetFromJsonAsync(url, RecommendationsJson.Default.ProductPage, cancellationToken);
            return page?.Items.Select(p => new CatalogProduct(p.Sku, p.Name, p.CategoryId, true)).ToList() ?? [];
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new CatalogUnavailableException(exception);
        }
    }
}
