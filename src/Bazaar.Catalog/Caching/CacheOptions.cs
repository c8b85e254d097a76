using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Catalog.Caching;

/// <summary>The in-process cache of product pages, bound from <c>Catalog:Cache</c>.</summary>
public sealed class CacheOptions : IValidatableObject
{
    /// <summary>How stale a cached page may get (stock and price windows move without an admin
    /// change); zero turns the cache off, and with it the stale answers.</summary>
    [TimeSpanRange("00:00:00", "00:10:00")]
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How much shorter than <see cref="Ttl"/> a page's freshness may be, as a fraction
    /// drawn at random per page: with 0.2 a page is fresh for 80% to 100% of the TTL. Pages read
    /// together (a popular listing, or every page after a restart) then expire apart, instead of all
    /// going back to the database in the same instant every TTL, from here and from the gateway.</summary>
    [Range(0.0, 0.5)]
    public double TtlSpread { get; set; } = 0.2;

    /// <summary>How old a cached page may be and still be served when the database cannot be read
    /// (RFC 5861 stale-if-error); pages are kept this long. More than <see cref="Ttl"/>, at most a day.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan MaxStale { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The bound on the cache's memory: the pages' bodies and keys, in bytes. When full, the
    /// least recently used pages (expired ones first) are dropped.</summary>
    [Range(typeof(long), "65536", "4294967296")]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxStale <= Ttl)
        {
            yield return new ValidationResult($"{nameof(MaxStale)} must be more than {nameof(Ttl)}.", [nameof(MaxStale)]);
        }
    }
}
