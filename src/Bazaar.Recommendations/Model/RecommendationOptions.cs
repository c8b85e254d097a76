using System.ComponentModel.DataAnnotations;

namespace Bazaar.Recommendations.Model;

/// <summary>Settings under <c>Recommendations</c>.</summary>
internal sealed class RecommendationOptions
{
    /// <summary>After this long a purchase counts half as much, so tastes can move.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan HalfLife { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Neighbours kept per product.</summary>
    [Range(1, 200)]
    public int NeighbourCount { get; set; } = 50;

    /// <summary>Fewer sellable neighbours than this (or than the limit asked, if smaller) and the
    /// answer is popularity instead. 1: any neighbour beats popularity, as a product bought once
    /// with another is best shown with that other.</summary>
    [Range(1, 50)]
    public int MinNeighbours { get; set; } = 1;

    /// <summary>How long a request waits for product-service's quote (names, stock, status).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:30")]
    public TimeSpan CatalogTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How often the in-memory lists are brought up to date in the background.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);
}
