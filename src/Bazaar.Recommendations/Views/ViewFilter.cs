using Bazaar.Recommendations.Catalog;
using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Views;

/// <summary>Keeps made-up SKUs out of the co-view counts, best effort: a view counts if its SKU was
/// ever sold here or quoted by product-service, or if product-service confirms it in one quote per
/// batch (bounded by <see cref="RecommendationOptions.CatalogTimeout"/>). When product-service fails
/// or is slow, every view is kept: losing real views is worse than counting some junk.</summary>
internal sealed partial class ViewFilter(
    IServiceScopeFactory scopes, IModelLists model, ProductDirectory directory, IOptions<RecommendationOptions> options, ILogger<ViewFilter> logger)
{
    public async Task<List<View>> KnownAsync(List<View> batch, CancellationToken cancellationToken)
    {
        var unknown = batch.Select(v => v.Sku).Where(sku => !model.Current.Knows(sku) && directory.Find(sku) is null)
            .Distinct(StringComparer.Ordinal).Take(SellableCheck.MaxSkus).ToList();
        if (unknown.Count == 0) return batch;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.CatalogTimeout);
        try
        {
            await using var scope = scopes.CreateAsyncScope(); // the catalog is a typed HttpClient: not for a singleton to keep
            var found = await scope.ServiceProvider.GetRequiredService<IProductCatalog>().FindAsync(unknown, timeout.Token);
            directory.Remember(found);
            var missing = unknown.Except(found.Select(p => p.Sku), StringComparer.Ordinal).ToHashSet(StringComparer.Ordinal);
            return missing.Count == 0 ? batch : [.. batch.Where(v => !missing.Contains(v.Sku))];
        }
        catch (Exception exception) when (exception is CatalogUnavailableException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogUnchecked(exception);
            return batch;
        }
    }

    [LoggerMessage(LogLevel.Information, "product-service did not confirm the viewed SKUs; the views are counted unchecked.")]
    private partial void LogUnchecked(Exception exception);
}
