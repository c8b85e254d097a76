using System.Collections.Concurrent;
using Bazaar.Orders.Downstream;

namespace Bazaar.Orders.Tests.Fakes;

internal sealed class FakeRecommendations : IRecommendationFeed
{
    public ConcurrentQueue<PurchaseNotice> Purchases { get; } = new();

    public Task RecordPurchaseAsync(PurchaseNotice purchase, CancellationToken cancellationToken)
    {
        Purchases.Enqueue(purchase);
        return Task.CompletedTask;
    }
}
