using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Pricing;

/// <summary>Bound from <c>Catalog:Prices</c>.</summary>
public sealed class PriceOptions
{
    /// <summary>How often prices whose window opened or closed are recomputed for sorting and
    /// filtering; the listing's price order may lag a window boundary by up to this much.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(5);
}
