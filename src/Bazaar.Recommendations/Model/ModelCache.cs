using Microsoft.Extensions.Options;

namespace Bazaar.Recommendations.Model;

/// <summary>The neighbour lists and popularity ranking in memory: a request reads
/// <see cref="Current"/> and touches neither the database nor the counts. <see cref="ModelRefresher"/>
/// calls <see cref="RefreshAsync"/> every <see cref="RecommendationOptions.RefreshInterval"/>: it asks
/// the database for the model's state (one row) and, when it moved on, reads only the rows changed
/// since, recomputes only the lists they touch (<see cref="NeighbourIndex.Update"/>) and swaps the
/// new lists in. After a rebuild (a new generation) it builds the new lists aside, from nothing,
/// and swaps them in only once the generation is complete (the replay has caught up); until then
/// the old lists keep serving.</summary>
internal sealed partial class ModelCache(IModelSource store, IOptions<RecommendationOptions> options, ILogger<ModelCache> logger) : IModelLists, IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private readonly TimeSpan _halfLife = options.Value.HalfLife;
    private readonly int _size = options.Value.NeighbourCount;

    // Only touched under _refresh.
    private ModelState _state = new(0, 0, Complete: false); // generation 0: nothing loaded yet
    private CoPurchaseCounts _counts = new(options.Value.HalfLife);
    private NeighbourIndex _latest = NeighbourIndex.Empty; // the newest generation's lists, complete or not
    private CoPurchaseCounts _viewCounts = new(options.Value.HalfLife);
    private int _viewsAfterPrune;
    private StoredCounts? _faded; // view weights forgotten in memory whose rows are still to delete

    private volatile NeighbourIndex _current = NeighbourIndex.Empty;
    private volatile NeighbourIndex _views = NeighbourIndex.Empty;
    private volatile bool _loaded;
    private long _generation;

    /// <summary>The purchase ("bought together") lists of the last complete generation.</summary>
    public NeighbourIndex Current => _current;

    /// <summary>The co-view ("viewed together") lists as of the last refresh.</summary>
    public NeighbourIndex Views => _views;

    /// <summary>Whether a complete generation has been loaded since the process started: before
    /// that the lists are empty, and the service is not ready (<see cref="ModelReadyCheck"/>).</summary>
    public bool IsLoaded => _loaded;

    /// <summary>The generation (rebuilds since the counts began) that <see cref="Current"/> holds.</summary>
    public long Generation => Volatile.Read(ref _generation);

    /// <summary>Brings the lists up to the stored counts; keeps the last lists if anything goes
    /// wrong (logged), so a failure never stops later refreshes.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var state = await store.StateAsync(cancellationToken);
            if (state == _state) return;
            // A new generation (a rebuild) starts from nothing, aside: Current serves the old lists until it is complete.
            var fresh = state.Generation != _state.Generation;
            var counts = fresh ? new CoPurchaseCounts(_halfLife) : _counts;
            var firstLoad = _state.Generation == 0;

            // Views are not part of a rebuild: they carry on from the last version read.
            var changes = await store.ChangesAsync(fresh ? 0 : _state.Version, _state.Version, cancellationToken);
            if (changes.Generation != state.Generation) return; // a rebuild began meanwhile: start over next time
            _latest = Updated(fresh ? NeighbourIndex.Empty : _latest, counts, changes.Sales);
            _views = PrunedIfGrown(Updated(_views, _viewCounts, changes.Views), _viewCounts, firstLoad);
            _counts = counts;
            _state = state with { Version = changes.Version };
            if (state.Complete)
            {
                _current = _latest;
                Volatile.Write(ref _generation, state.Generation);
                _loaded = true;
            }
            await ForgetFadedRowsAsync(cancellationToken);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
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

    /// <summary>Views can come from anyone, for any SKU, so their counts would grow without limit:
    /// once they have doubled since the last pruning, the weights that decayed below
    /// <see cref="ViewFloor"/> are forgotten and the co-view lists rebuilt (amortised, each pruning
    /// is paid for by as many new products).</summary>
    private NeighbourIndex PrunedIfGrown(NeighbourIndex views, CoPurchaseCounts viewCounts, bool firstLoad)
    {
        if (!firstLoad && viewCounts.Items.Count < Math.Max(2 * _viewsAfterPrune, MinViewsToPrune)) return views;
        var pruned = viewCounts.Prune(ViewFloor);
        _viewsAfterPrune = viewCounts.Items.Count;
        if (pruned.Items.Count == 0 && pruned.Pairs.Count == 0) return views;
        _faded = pruned;
        return NeighbourIndex.Build(viewCounts, _size);
    }

    /// <summary>Deletes the rows of the view weights just forgotten, so the tables stay as small as
    /// the counts in memory. A failure is logged and leaves the rows: the next pruning (at the
    /// latest, the one after a restart's load) finds them again.</summary>
    private async Task ForgetFadedRowsAsync(CancellationToken cancellationToken)
    {
        if (_faded is not { } faded) return;
        _faded = null;
        try
        {
            await store.ForgetViewsAsync(faded, cancellationToken);
        }
        catch (Exception exception) when (!(exception is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            LogRowsKept(exception, faded.Items.Count);
        }
    }

    /// <summary>A view weight below this (a single view about 6.6 half-lives old) is forgotten in memory.</summary>
    public const double ViewFloor = 0.01;

    private const int MinViewsToPrune = 1024;

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(LogLevel.Warning, "The rows of {Count} faded view weights could not be deleted; the next pruning tries again.")]
    private partial void LogRowsKept(Exception exception, int count);

    [LoggerMessage(LogLevel.Warning, "The recommendation model could not be refreshed; answering from the last lists built.")]
    private partial void LogStale(Exception exception);
}
