using System.ComponentModel.DataAnnotations;

namespace Bazaar.Catalog.Caching;

/// <summary>The in-process cache of product pages, bound from <c>Catalog:Cache</c>.</summary>
public sealed class CacheOptions
{
    /// <summary>How stale a cached page may get (stock and price windows move without an admin
    /// change); zero turns the cache off.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many pages are kept.</summary>
    [Range(1, 1_000_000)]
    public int MaxEntries { get; set; } = 10_000;
}
