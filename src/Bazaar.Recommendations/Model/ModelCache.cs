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

    private volatile NeighbourIndex _current = NeighbourIndex.Empty;

    /// <summary>The lists as of the last refresh.</summary>
    public NeighbourIndex Current => _current;

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
            var index = fresh ? NeighbourIndex.Empty : _current;

            var changes = await store.ChangesAsync(fresh ? 0 : _state.Version, cancellationToken);
            if (changes.State.Generation != state.Generation) return; // a rebuild began meanwhile: start over next time
            foreach (var row in changes.Items) counts.SetItem(row.Sku, new DecayedWeight(row.Weight, row.AsOf));
            foreach (var row in changes.Pairs) counts.SetPair(new SkuPair(row.Sku, row.Other), new DecayedWeight(row.Weight, row.AsOf));
            _current = index.Update(counts, changes.Items.Select(row => row.Sku), _size);
            _counts = counts;
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

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(LogLevel.Warning, "The recommendation model could not be read; answering from the last lists built.")]
    private partial void LogStale(Exception exception);
}
