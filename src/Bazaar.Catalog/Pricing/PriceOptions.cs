using Bazaar.Platform;

namespace Bazaar.Catalog.Pricing;

/// <summary>Bound from <c>Catalog:Prices</c>.</summary>
public sealed class PriceOptions
{
    /// <summary>How often prices whose window opened or closed are recomputed for sorting and
    /// filtering. The listing also recomputes what is due before it reads, so this bounds how often
    /// a reader has to do that work, not how stale a listing may be.</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
