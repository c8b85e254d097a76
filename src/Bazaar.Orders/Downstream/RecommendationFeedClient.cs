using Bazaar.Platform.Discovery;
using System.Net.Http.Json;

namespace Bazaar.Orders.Downstream;

internal sealed class RecommendationFeedClient(HttpClient http) : IRecommendationFeed
{
    public async Task RecordPurchaseAsync(PurchaseNotice purchase, CancellationToken cancellationToken)
    {
        try
        {
            // The recommendation-service keeps an inbox of order ids, so a repeat counts once.
            using var response = await RetryOnce.SendAsync(http, () => new HttpRequestMessage(HttpMethod.Post, "/internal/recommendations/purchases")
            {
                Content = JsonContent.Create(purchase, OrdersJson.Default.PurchaseNotice),
            }, cancellationToken);
            response.EnsureSuccessStatusCode();
        }
        catch (Exception exception) when (DownstreamFailure.IsUnavailable(exception, cancellationToken))
        {
            throw new DownstreamUnavailableException("recommendation-service", exception);
        }
    }
}
