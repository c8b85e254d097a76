namespace Bazaar.Recommendations.Model;

/// <summary>A product similar to another, and how similar (cosine, 0..1].</summary>
internal sealed record Neighbour(string Sku, double Similarity);

/// <summary>A product with its decayed sales.</summary>
internal sealed record Seller(string Sku, double Sales);

/// <summary>Item-to-item neighbour lists (Linden, Smith and York, 2003) and the popularity ranking,
/// computed ahead from <see cref="CoPurchaseCounts"/> so that answering is a dictionary lookup. An
/// instance never changes: <see cref="Update"/> makes the next one.
/// Similarity is the cosine of the two products' order vectors, co(a,b) / sqrt(n(a)·n(b)): a
/// best-seller co-occurs with everything, and its large n(b) discounts that. Every weight decays by
/// the same factor as time passes, so the cosine and the rankings do not change with the clock:
/// only newer purchases counting more than older ones moves them. That is also why a list only
/// needs recomputing when one of its products was bought again.</summary>
internal sealed class NeighbourIndex
{
    private static readonly IReadOnlyList<Neighbour> None = [];

    private readonly Dictionary<string, IReadOnlyList<Neighbour>> _neighbours;
    private readonly HashSet<string> _bought;

    private NeighbourIndex(Dictionary<string, IReadOnlyList<Neighbour>> neighbours, IReadOnlyList<Seller> popular)
    {
        _neighbours = neighbours;
        _bought = popular.Select(s => s.Sku).ToHashSet(StringComparer.Ordinal);
        Popular = popular;
    }

    public static NeighbourIndex Empty { get; } = new(new Dictionary<string, IReadOnlyList<Neighbour>>(StringComparer.Ordinal), []);

    /// <summary>Every product bought, best-selling first (ties by SKU), sales as of the latest
    /// purchase (not the clock, so an answer only changes when a purchase changes it).</summary>
    public IReadOnlyList<Seller> Popular { get; }

    /// <summary>The top neighbours of <paramref name="sku"/>, most similar first (ties by SKU);
    /// empty for a product never bought with another.</summary>
    public IReadOnlyList<Neighbour> NeighboursOf(string sku) => _neighbours.GetValueOrDefault(sku, None);

    /// <summary>Whether <paramref name="sku"/> was ever bought.</summary>
    public bool Knows(string sku) => _bought.Contains(sku);

    /// <summary>Every non-empty list, by product.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Neighbour>> Lists => _neighbours;

    /// <summary>Every list, from scratch.</summary>
    public static NeighbourIndex Build(CoPurchaseCounts counts, int size)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return Empty.Update(counts, counts.Items.Keys, size);
    }

    /// <summary>This index with the lists that <paramref name="changed"/> products appear in
    /// recomputed: theirs, and their partners' (whose similarity to them moved with their count).
    /// Other lists are kept as they are; the popularity ranking is recomputed.</summary>
    public NeighbourIndex Update(CoPurchaseCounts counts, IEnumerable<string> changed, int size)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var affected = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sku in changed)
        {
            affected.Add(sku);
            affected.UnionWith(counts.PartnersOf(sku));
        }

        var neighbours = new Dictionary<string, IReadOnlyList<Neighbour>>(_neighbours, StringComparer.Ordinal);
        foreach (var sku in affected)
        {
            var list = ListOf(counts, sku, size);
            if (list.Count == 0) neighbours.Remove(sku);
            else neighbours[sku] = list;
        }

        var asOf = counts.Items.Count == 0 ? 0 : counts.Items.Values.Max(w => w.AsOf);
        var popular = counts.Items.Select(item => new Seller(item.Key, item.Value.At(asOf, counts.HalfLife)))
            .OrderByDescending(s => s.Sales).ThenBy(s => s.Sku, StringComparer.Ordinal).ToList();
        return new NeighbourIndex(neighbours, popular);
    }

    /// <summary>This index with the given lists in place of its own (an empty list removes the
    /// product's) and the given popularity ranking: how a copy of lists computed elsewhere (a
    /// mirror of Redis) moves on. Other lists are kept as they are.</summary>
    public NeighbourIndex With(IEnumerable<KeyValuePair<string, IReadOnlyList<Neighbour>>> lists, IReadOnlyList<Seller> popular)
    {
        ArgumentNullException.ThrowIfNull(lists);
        var neighbours = new Dictionary<string, IReadOnlyList<Neighbour>>(_neighbours, StringComparer.Ordinal);
        foreach (var (sku, list) in lists)
        {
            if (list.Count == 0) neighbours.Remove(sku);
            else neighbours[sku] = list;
        }
        return new NeighbourIndex(neighbours, popular);
    }

    private static List<Neighbour> ListOf(CoPurchaseCounts counts, string sku, int size)
    {
        if (!counts.Items.TryGetValue(sku, out var bought)) return [];
        return [.. counts.PartnersOf(sku)
            .Where(counts.Items.ContainsKey)
            .Select(other => new Neighbour(other, Cosine(counts.Pairs[SkuPair.Of(sku, other)], bought, counts.Items[other], counts.HalfLife)))
            .Where(n => n.Similarity > 0)
            .OrderByDescending(n => n.Similarity).ThenBy(n => n.Sku, StringComparer.Ordinal)
            .Take(size)];
    }

    /// <summary>co / sqrt(n1·n2), all three decayed to one time: which time does not matter, as each
    /// decays by the same factor; the latest of theirs keeps the numbers away from underflow. A
    /// weight that underflowed to 0 (0/0), or any non-finite result, gives 0 (not a neighbour); a
    /// rounding above 1 is capped at 1.</summary>
    internal static double Cosine(DecayedWeight together, DecayedWeight first, DecayedWeight second, TimeSpan halfLife)
    {
        var at = Math.Max(together.AsOf, Math.Max(first.AsOf, second.AsOf));
        var denominator = Math.Sqrt(first.At(at, halfLife) * second.At(at, halfLife));
        var cosine = together.At(at, halfLife) / denominator;
        return double.IsFinite(cosine) && cosine > 0 ? Math.Min(cosine, 1) : 0;
    }

    /// <summary>Products for someone who bought <paramref name="history"/>: each candidate scores
    /// the sum of its similarities to the history's products (each weighted by the given weight, e.g.
    /// recency), best first; products of the history itself are never proposed.</summary>
    public IReadOnlyList<Neighbour> Blend(IReadOnlyCollection<(string Sku, double Weight)> history, int limit)
    {
        ArgumentNullException.ThrowIfNull(history);
        var owned = history.Select(h => h.Sku).ToHashSet(StringComparer.Ordinal);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (sku, weight) in history)
        {
            foreach (var neighbour in NeighboursOf(sku))
            {
                if (owned.Contains(neighbour.Sku)) continue;
                scores[neighbour.Sku] = scores.GetValueOrDefault(neighbour.Sku) + weight * neighbour.Similarity;
            }
        }
        return [.. scores.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal).Take(limit).Select(s => new Neighbour(s.Key, s.Value))];
    }
}
