namespace Bazaar.Recommendations.Model;

/// <summary>An unordered pair of distinct SKUs, stored once with <see cref="First"/> ordinally
/// before <see cref="Second"/>.</summary>
internal readonly record struct SkuPair(string First, string Second)
{
    public static SkuPair Of(string a, string b) => string.CompareOrdinal(a, b) < 0 ? new SkuPair(a, b) : new SkuPair(b, a);
}

/// <summary>The model's raw material: per product, its decayed purchase count n(a) (orders that
/// had it), and per pair its decayed co-purchase count co(a,b) (orders that had both), with each
/// product's partners (the products it was bought with). The same counts, kept apart, hold views:
/// n(a) views of a (once per session and window) and co(a,b) the times a and b were viewed in one
/// session within the window (<see cref="Record(string, IEnumerable{string}, long)"/>). The event handler applies one order to
/// the rows that order touches; the offline evaluation applies every order to one instance; the
/// in-memory cache applies the rows changed since its last refresh. All go through
/// <see cref="Record"/> or <see cref="SetItem"/> and <see cref="SetPair"/>.</summary>
internal sealed class CoPurchaseCounts(TimeSpan halfLife)
{
    private static readonly HashSet<string> NoPartners = [];

    private readonly Dictionary<string, DecayedWeight> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<SkuPair, DecayedWeight> _pairs = [];
    private readonly Dictionary<string, HashSet<string>> _partners = new(StringComparer.Ordinal);
    private readonly HashSet<string> _recordedItems = new(StringComparer.Ordinal);
    private readonly HashSet<SkuPair> _recordedPairs = [];

    public TimeSpan HalfLife { get; } = halfLife;

    public IReadOnlyDictionary<string, DecayedWeight> Items => _items;

    public IReadOnlyDictionary<SkuPair, DecayedWeight> Pairs => _pairs;

    /// <summary>The products whose weight <see cref="Record(IEnumerable{string}, long)"/> or
    /// <see cref="Record(string, IEnumerable{string}, long)"/> changed: the rows a writer must store.</summary>
    public IReadOnlySet<string> RecordedItems => _recordedItems;

    /// <summary>The pairs whose weight a <c>Record</c> changed.</summary>
    public IReadOnlySet<SkuPair> RecordedPairs => _recordedPairs;

    /// <summary>The products bought together with <paramref name="sku"/> at least once.</summary>
    public IReadOnlySet<string> PartnersOf(string sku) => _partners.GetValueOrDefault(sku, NoPartners);

    public void SetItem(string sku, DecayedWeight weight) => _items[sku] = weight;

    public void SetPair(SkuPair pair, DecayedWeight weight)
    {
        _pairs[pair] = weight;
        Link(pair.First, pair.Second);
        Link(pair.Second, pair.First);
    }

    private void Link(string sku, string partner)
    {
        if (!_partners.TryGetValue(sku, out var partners)) _partners[sku] = partners = new HashSet<string>(StringComparer.Ordinal);
        partners.Add(partner);
    }

    /// <summary>Forgets every product and pair whose weight, decayed to the latest time any product
    /// counted, is below <paramref name="floor"/> (with a pair of a forgotten product); answers what
    /// it forgot, with the weights it had, so the stored rows can be deleted alike (only if unchanged
    /// since). A product that counts again comes back from its row, or anew.</summary>
    public StoredCounts Prune(double floor)
    {
        if (_items.Count == 0) return new StoredCounts([], []);
        var latest = _items.Values.Max(w => w.AsOf);
        var faded = _items.Where(item => item.Value.At(latest, HalfLife) < floor).Select(item => item.Key).ToHashSet(StringComparer.Ordinal);
        var fadedPairs = _pairs.Where(pair => faded.Contains(pair.Key.First) || faded.Contains(pair.Key.Second) || pair.Value.At(latest, HalfLife) < floor)
            .Select(pair => pair.Key).ToList();
        var forgotten = new StoredCounts(
            [.. faded.Select(sku => new WeightRow { Sku = sku, Weight = _items[sku].Value, AsOf = _items[sku].AsOf })],
            [.. fadedPairs.Select(pair => new WeightRow { Sku = pair.First, Other = pair.Second, Weight = _pairs[pair].Value, AsOf = _pairs[pair].AsOf })]);
        foreach (var pair in fadedPairs)
        {
            _pairs.Remove(pair);
            Unlink(pair.First, pair.Second);
            Unlink(pair.Second, pair.First);
        }
        foreach (var sku in faded)
        {
            _items.Remove(sku);
            _partners.Remove(sku);
        }
        return forgotten;
    }

    private void Unlink(string sku, string partner)
    {
        if (!_partners.TryGetValue(sku, out var partners)) return;
        partners.Remove(partner);
        if (partners.Count == 0) _partners.Remove(sku);
    }

    /// <summary>The distinct SKUs of one order, and each pair of them.</summary>
    public static (IReadOnlyList<string> Skus, IReadOnlyList<SkuPair> Pairs) Shape(IEnumerable<string> skus)
    {
        var distinct = skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var pairs = new List<SkuPair>();
        for (var i = 0; i < distinct.Count; i++)
        {
            for (var j = i + 1; j < distinct.Count; j++) pairs.Add(new SkuPair(distinct[i], distinct[j]));
        }
        return (distinct, pairs);
    }

    /// <summary>Counts one order paid at <paramref name="at"/> (unix ms): a SKU named on several
    /// lines counts once.</summary>
    public void Record(IEnumerable<string> skus, long at)
    {
        var (distinct, pairs) = Shape(skus);
        foreach (var sku in distinct) AddItem(sku, at);
        foreach (var pair in pairs) AddPair(pair, at);
    }

    private void AddItem(string sku, long at)
    {
        SetItem(sku, _items.GetValueOrDefault(sku).Add(at, HalfLife));
        _recordedItems.Add(sku);
    }

    private void AddPair(SkuPair pair, long at)
    {
        SetPair(pair, _pairs.GetValueOrDefault(pair).Add(at, HalfLife));
        _recordedPairs.Add(pair);
    }

    /// <summary>Counts one occurrence of <paramref name="sku"/> at <paramref name="at"/> (unix ms),
    /// paired once with each of <paramref name="partners"/> (for a view: the other products the
    /// session viewed within the window).</summary>
    public void Record(string sku, IEnumerable<string> partners, long at)
    {
        AddItem(sku, at);
        foreach (var partner in partners.Where(p => p != sku).Distinct(StringComparer.Ordinal)) AddPair(SkuPair.Of(sku, partner), at);
    }
}
