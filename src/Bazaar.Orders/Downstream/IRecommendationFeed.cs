namespace Bazaar.Orders.Downstream;

/// <summary>Tells the recommendation-service what was bought together.</summary>
internal interface IRecommendationFeed
{
    Task RecordPurchaseAsync(PurchaseNotice purchase, CancellationToken cancellationToken);
}
