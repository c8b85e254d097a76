using System.Data.Common;
using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Suggestions;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.ForYou;

/// <summary>"For you": the neighbours of the user's recent purchases (<see cref="RecentPurchases"/>),
/// blended (<see cref="NeighbourIndex.Blend"/>), exactly as the offline evaluation measures it, plus
/// the co-view neighbours of what they viewed recently, each view weighing
/// <see cref="RecommendationOptions.ViewWeight"/> of a purchase; nothing they bought. Too little to go on: popular products. One bounded quote to product-service checks
/// every candidate. The history reads are bounded by <see cref="RecommendationOptions.HistoryTimeout"/>:
/// when the database fails or is slow, the answer is popular products, marked fallback and degraded.</summary>
internal sealed partial class ForYouService(IModelLists model, IUserHistory history, SellableCheck check, IOptions<RecommendationOptions> options, ILogger<ForYouService> logger)
{
    public const string Personalised = "personalised";

    private const int BlendCandidates = 50;

    public async Task<ForYouResponse> RecommendAsync(Guid userId, int limit, CancellationToken cancellationToken)
    {
        var index = model.Current;
        var (purchases, views, historyMissing) = await HistoryOfAsync(userId, cancellationToken);
        var bought = purchases.Select(p => p.Sku).ToHashSet(StringComparer.Ordinal);
        var recent = RecentPurchases.Weigh(purchases.Select(p => (p.Sku, p.At)), options.Value.HalfLife);
        var viewed = RecentPurchases.Weigh(views.Select(v => (v.Sku, v.At)), options.Value.HalfLife)
            .Select(v => (v.Sku, v.Weight * options.Value.ViewWeight)).ToList();
        var blended = index.Blend(recent, BlendCandidates + bought.Count)
            .Concat(model.Views.Blend(viewed, BlendCandidates + bought.Count))
            .Where(n => !bought.Contains(n.Sku))
            .GroupBy(n => n.Sku, StringComparer.Ordinal)
            .Select(g => new Neighbour(g.Key, g.Sum(n => n.Similarity)))
            .OrderByDescending(n => n.Similarity).ThenBy(n => n.Sku, StringComparer.Ordinal)
            .Take(BlendCandidates).ToList();
        var popular = index.Popular.Where(s => !bought.Contains(s.Sku));

        var candidates = blended.Select(n => n.Sku).Concat(popular.Select(s => s.Sku)).Distinct(StringComparer.Ordinal).Take(SellableCheck.MaxSkus).ToList();
        var products = candidates.Count == 0
            ? new CheckedProducts(new Dictionary<string, CatalogProduct>(), Degraded: false)
            : await check.CheckAsync(candidates, cancellationToken);

        var personal = blended.Where(n => products.Sellable(n.Sku)).Take(limit)
            .Select(n => new RecommendedItem(n.Sku, products.NameOf(n.Sku), n.Similarity)).ToList();
        if (personal.Count >= Math.Min(limit, options.Value.MinNeighbours))
        {
            return new ForYouResponse(Personalised, false, products.Degraded, personal);
        }
        var items = popular.Where(s => products.Sellable(s.Sku)).Take(limit)
            .Select(s => new RecommendedItem(s.Sku, products.NameOf(s.Sku), s.Sales)).ToList();
        return new ForYouResponse(Strategies.Popular, true, products.Degraded || historyMissing, items);
    }

    /// <summary>The user's purchases and views, or nothing (and true) when the database failed or
    /// did not answer within the timeout.</summary>
    private async Task<(IReadOnlyList<UserEvent> Purchases, IReadOnlyList<UserEvent> Views, bool Missing)> HistoryOfAsync(Guid userId, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HistoryTimeout);
        try
        {
            var purchases = await history.PurchasesOfAsync(userId, timeout.Token).WaitAsync(timeout.Token);
            var views = await history.ViewsOfAsync(userId, timeout.Token).WaitAsync(timeout.Token);
            return (purchases, views, false);
        }
        catch (Exception exception) when (exception is DbException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogNoHistory(exception);
            return ([], [], true);
        }
    }

    [LoggerMessage(LogLevel.Warning, "The user's history could not be read in time; answering with popular products.")]
    private partial void LogNoHistory(Exception exception);
}
