using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Suggestions;

/// <summary>Answers from the in-memory lists (<see cref="IModelLists"/>): the product's item-to-item
/// neighbours (bought together, or viewed together); with too few of them, popular products (its category first, then any). Every candidate
/// is checked in ONE bounded quote to product-service (<see cref="SellableCheck"/>): never the product
/// itself, nothing archived or out of stock. If the quote fails, the answer says so (<c>degraded</c>)
/// and keeps only products last seen sellable.</summary>
internal sealed class RecommendationService(IModelLists model, ProductDirectory directory, SellableCheck check, IOptions<RecommendationOptions> options)
{
    private const int CategoryCandidates = 25;

    /// <summary>Null when the product-service does not know <paramref name="sku"/> and
    /// <paramref name="popularIfUnknown"/> is false.</summary>
    /// <param name="viewed">Neighbours from co-views rather than co-purchases; the fallback is the same.</param>
    /// <exception cref="CatalogUnavailableException">Product-service cannot say whether an
    /// <paramref name="sku"/> this service never saw sold exists.</exception>
    public async Task<RecommendationResponse?> RecommendAsync(string sku, int limit, bool viewed, bool popularIfUnknown, CancellationToken cancellationToken)
    {
        var index = model.Current;
        var views = model.Views;
        var neighbours = (viewed ? views : index).NeighboursOf(sku);
        var products = await check.CheckAsync(Candidates(sku, index, neighbours), cancellationToken);

        var product = products.Find(sku);
        if (product is null && !popularIfUnknown)
        {
            if (!products.Degraded) return null;
            // Without the catalog, only a product this service has seen sold (or viewed) can be answered for.
            if (!index.Knows(sku) && !views.Knows(sku)) throw new CatalogUnavailableException(new TimeoutException("The quote to product-service failed."));
        }

        bool Recommendable(string candidate) => candidate != sku && products.Sellable(candidate);

        var similar = neighbours.Where(n => Recommendable(n.Sku)).Take(limit)
            .Select(n => new RecommendedItem(n.Sku, products.NameOf(n.Sku), n.Similarity)).ToList();
        if ((product is not null || products.Degraded) && similar.Count >= Math.Min(limit, options.Value.MinNeighbours))
        {
            return new RecommendationResponse(sku, Strategies.ItemToItem, false, products.Degraded, similar);
        }

        var popular = index.Popular.Where(s => Recommendable(s.Sku))
            .OrderBy(s => product is not null && products.Find(s.Sku)!.CategoryId == product.CategoryId ? 0 : 1) // stable: sales order within each
            .Take(limit)
            .Select(s => new RecommendedItem(s.Sku, products.NameOf(s.Sku), s.Sales)).ToList();
        return new RecommendationResponse(sku, Strategies.Popular, true, products.Degraded, popular);
    }

    /// <summary>The SKUs worth checking: the product, its neighbours, the best sellers of its category
    /// (as far as earlier quotes told its category), then the best sellers overall.</summary>
    private List<string> Candidates(string sku, NeighbourIndex index, IReadOnlyList<Neighbour> neighbours)
    {
        var category = directory.Find(sku)?.CategoryId;
        var sameCategory = category is null ? [] : index.Popular.Where(s => directory.Find(s.Sku)?.CategoryId == category).Take(CategoryCandidates);
        return [.. new[] { sku }
            .Concat(neighbours.Select(n => n.Sku))
            .Concat(sameCategory.Select(s => s.Sku))
            .Concat(index.Popular.Take(SellableCheck.MaxSkus).Select(s => s.Sku))
            .Distinct(StringComparer.Ordinal)
            .Take(SellableCheck.MaxSkus)];
    }
}
