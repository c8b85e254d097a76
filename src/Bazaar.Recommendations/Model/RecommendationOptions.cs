using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Recommendations.Model;

/// <summary>Settings under <c>Recommendations</c>.</summary>
internal sealed class RecommendationOptions
{
    /// <summary>After this long a purchase counts half as much, so tastes can move.</summary>
    [TimeSpanRange("01:00:00", "3650.00:00:00")]
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
    [TimeSpanRange("00:00:00.010", "00:00:30")]
    public TimeSpan CatalogTimeout { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>How long "for you" waits for the user's history before answering with popular
    /// products (fallback, degraded) instead.</summary>
    [TimeSpanRange("00:00:00.010", "00:00:30")]
    public TimeSpan HistoryTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the in-memory lists are brought up to date in the background.</summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Two products viewed in one session within this long of each other are a co-view;
    /// a product viewed again within it (a reload) counts once.</summary>
    [TimeSpanRange("00:01:00", "1.00:00:00")]
    public TimeSpan CoViewWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How much a viewed product weighs in "for you" against a bought one (1).</summary>
    [Range(0.0, 1.0)]
    public double ViewWeight { get; set; } = 0.3;

    /// <summary>Views kept per signed-in user (the most recent); older ones are deleted by the view
    /// writer. At least the <see cref="RecentPurchases.Count"/> that "for you" reads.</summary>
    [Range(RecentPurchases.Count, 100_000)]
    public int UserViewsKept { get; set; } = 100;

    /// <summary>Views waiting to be written; when full, new views are dropped (and counted).</summary>
    [Range(1, 1_000_000)]
    public int ViewQueueCapacity { get; set; } = 10_000;
}
