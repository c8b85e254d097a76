using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Model;

/// <summary>The neighbour lists and popularity ranking in memory: a request reads
/// <see cref="Current"/> and touches neither the database nor the counts. <see cref="ModelRefresher"/>
/// calls <see cref="RefreshAsync"/> every <see cref="RecommendationOptions.RefreshInterval"/>: it asks
/// the database for the model's state (one row) and, when it moved on, reads only the rows changed
/// since, recomputes only the lists they touch (<see cref="NeighbourIndex.Update"/>) and swaps the
/// new lists in. After a rebuild (a new generation) it starts over.</summary>
internal sealed partial class ModelCache(ModelStore store, IOptions<RecommendationOptions> options, ILogger<ModelCache> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly TimeSpan _halfLife = options.Value.HalfLife;
    private readonly int _size = options.Value.NeighbourCount;

    // Only touched under _refresh.
    private ModelState _state = new(0, 0); // generation 0: nothing loaded yet
    private CoPurchaseCounts _counts = new(options.Value.HalfLife);
    private CoPurchaseCounts _viewCounts = new(options.Value.HalfLife);

    private volatile NeighbourIndex _current = NeighbourIndex.Empty;
    private volatile NeighbourIndex _views = NeighbourIndex.Empty;

    /// <summary>The purchase ("bought together") lists as of the last refresh.</summary>
    public NeighbourIndex Current => _current;

    /// <summary>The co-view ("viewed together") lists as of the last refresh.</summary>
    public NeighbourIndex Views => _views;

    /// <summary>Brings the lists up to the stored counts; keeps the last lists if the database
    /// cannot be read.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var state = await store.StateAsync(cancellationToken);
            if (state == _state) return;
            // A new generation (a rebuild) starts from nothing; the old lists serve until the new ones are in.
            var fresh = state.Generation != _state.Generation;
            var counts = fresh ? new CoPurchaseCounts(_halfLife) : _counts;
            var viewCounts = fresh ? new CoPurchaseCounts(_halfLife) : _viewCounts;

            var changes = await store.ChangesAsync(fresh ? 0 : _state.Version, cancellationToken);
            if (changes.State.Generation != state.Generation) return; // a rebuild began meanwhile: start over next time
            _current = Updated(fresh ? NeighbourIndex.Empty : _current, counts, changes.Sales);
            _views = Updated(fresh ? NeighbourIndex.Empty : _views, viewCounts, changes.Views);
            _counts = counts;
            _viewCounts = viewCounts;
            _state = changes.State;
        }
        catch (DbException exception)
        {
            LogStale(exception);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private NeighbourIndex Updated(NeighbourIndex index, CoPurchaseCounts counts, StoredCounts changed)
    {
        if (changed.Items.Count == 0 && changed.Pairs.Count == 0) return index;
        CountRows.Apply(counts, changed);
        return index.Update(counts, changed.Items.Select(row => row.Sku), _size);
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(LogLevel.Warning, "The recommendation model could not be read; answering from the last lists built.")]
    private partial void LogStale(Exception exception);
}
