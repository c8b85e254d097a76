using Bazaar.Platform.Discovery;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class ProductCatalogClient(HttpClient http) : IProductCatalog
{
    public const string Service = "product-service";

    public async Task<IReadOnlyList<ProductQuote>> QuoteAsync(IReadOnlyList<string> skus, CancellationToken cancellationToken)
    {
        try
        {
            // A quote changes nothing, so it may be repeated like a read.
            using var response = await RepeatableWrite.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/internal/products/quote")
            {
                Content = JsonContent.Create(new QuoteRequest(skus), OrdersJson.Default.QuoteRequest),
            }, cancellationToken);
            response.EnsureSuccessStatusCode();
            var quote = await response.Content.ReadFromJsonAsync(OrdersJson.Default.QuoteResponse, cancellationToken);
            return quote?.Items ?? [];
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException(Service, exception);
        }
    }
}
