using Bazaar.Platform.Discovery;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bazaar.Carts.ProductCatalog;

/// <summary>Asks product-service (<c>http://product-service</c>, found by service discovery) for
/// quotes; every way of not getting an answer becomes a <see cref="CatalogUnavailableException"/>.</summary>
internal sealed class ProductCatalogClient(HttpClient http) : IProductCatalog
{
    public const string QuotePath = "/internal/products/quote";

    public async Task<IReadOnlyDictionary<string, CatalogProduct>> QuoteAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(QuotePath, new QuoteRequest([.. skus]), CartsJson.Default.QuoteRequest, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new CatalogUnavailableException($"product-service answered a quote with {(int)response.StatusCode}.");
            }
            var quote = await response.Content.ReadFromJsonAsync(CartsJson.Default.QuoteResponse, cancellationToken)
                ?? throw new CatalogUnavailableException("product-service answered a quote with an empty body.");
            return quote.Items.ToDictionary(
                item => item.Sku,
                item => new CatalogProduct(item.Sku, item.Name, item.UnitPrice, item.Available, item.Active),
                StringComparer.Ordinal);
        }
        catch (Exception exception) when (exception is JsonException || DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new CatalogUnavailableException("product-service could not be reached for a quote: " + exception.Message, exception);
        }
    }
}
