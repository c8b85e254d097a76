using System.Security.Cryptography;
using Bazaar.Platform.Governance;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bazaar.Catalog.Caching;

/// <summary>Serialised product pages with their ETag, fresh for <see cref="CacheOptions.Ttl"/> and
/// dropped all at once when an admin changes the catalog through this process. Other replicas
/// see the change when their entries go stale. A page is never served past the moment its prices
/// change by time (a sale window closing): stock may lag, a price must not.</summary>
/// <remarks>Stale-if-error (RFC 5861): a page is kept up to <see cref="CacheOptions.MaxStale"/>
/// after it was read. A stale page is read again on every request; only when that read fails
/// (<see cref="CatalogUnavailable.IsReadFailure"/>: a SQLite error such as busy or locked, or a timeout) is the
/// stale page served, marked with its age and counted as degraded. Without one the read is
/// <see cref="CatalogUnavailableException"/>. Memory is bounded by <see cref="CacheOptions.MaxBytes"/>.</remarks>
internal sealed partial class CatalogCache : IDisposable
{
    public const string StalePart = "stale-catalog";

    /// <summary>A page in its last second of freshness is read again rather than served: shared caches
    /// are offered whole seconds (<c>s-maxage</c>), and a page with less than one left could not be
    /// kept by the gateway, so every request for it would come through here until it expired.</summary>
    private static readonly TimeSpan ReadAhead = TimeSpan.FromSeconds(1);

    /// <summary>What an entry costs besides its body and key (the entry, its tag, its options).</summary>
    private const int EntryOverhead = 256;

    private readonly MemoryCache _entries;
    private readonly TimeSpan _ttl;
    private readonly double _ttlSpread;
    private readonly TimeSpan _readAhead;
    private readonly TimeSpan _maxStale;
    private readonly TimeProvider _clock;
    private readonly GovernanceMetrics _metrics;
    private readonly ILogger<CatalogCache> _logger;
    private CancellationTokenSource _generation = new();

    public CatalogCache(IOptions<CacheOptions> options, TimeProvider clock, GovernanceMetrics metrics, ILogger<CatalogCache> logger)
    {
        _ttl = options.Value.Ttl;
        _ttlSpread = options.Value.TtlSpread;
        // Only where a page's shortest freshness leaves at least a second before it.
        _readAhead = _ttl * (1 - _ttlSpread) >= 2 * ReadAhead ? ReadAhead : TimeSpan.Zero;
        _maxStale = options.Value.MaxStale;
        _clock = clock;
        _metrics = metrics;
        _logger = logger;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxBytes });
    }

    /// <summary>The cached page under <paramref name="key"/> while fresh, else a fresh one from
    /// <paramref name="create"/> (null: nothing to cache, e.g. not found), else, if that read
    /// failed, the stale page.</summary>
    /// <exception cref="CatalogUnavailableException">The read failed and no page young enough is kept.</exception>
    public async Task<CatalogPage?> GetOrCreateAsync(string key, Func<CancellationToken, Task<FreshJson?>> create, CancellationToken cancellationToken)
    {
        // Checked on the service's clock, not the cache's own: the instants come from price windows.
        var kept = _entries.TryGetValue(key, out CachedJson? hit) ? hit : null;
        if (kept is not null && _clock.GetUtcNow() < kept.FreshUntil - _readAhead) return new CatalogPage(kept, Stale: null);

        // Taken before reading, so a page read before an invalidation is born expired.
        var generation = Volatile.Read(ref _generation).Token;
        var readAt = _clock.GetUtcNow(); // before reading too: the page is at least this old
        FreshJson? fresh;
        try
        {
            fresh = await create(cancellationToken);
        }
        catch (Exception exception) when (CatalogUnavailable.IsReadFailure(exception))
        {
            // Read ahead of time and failed: what is kept is still fresh, not yet a stale answer.
            if (kept is not null && _clock.GetUtcNow() < kept.FreshUntil) return new CatalogPage(kept, Stale: null);
            return ServeStale(key, kept, exception);
        }
        if (fresh is null) return null;

        // Never served, fresh or stale, past a price change: a stale page is a lagging stock figure, never a wrong price.
        var entry = new CachedJson(fresh.Body, ETagOf(fresh.Body), readAt,
            Earliest(readAt + FreshnessOfOnePage(), fresh.ValidUntil), Earliest(readAt + _maxStale, fresh.ValidUntil));
        var retention = entry.KeptUntil - _clock.GetUtcNow();
        if (_ttl > TimeSpan.Zero && retention > TimeSpan.Zero)
        {
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = fresh.Body.Length + (key.Length * 2L) + EntryOverhead, AbsoluteExpirationRelativeToNow = retention }
                .AddExpirationToken(new CancellationChangeToken(generation)));
        }
        return new CatalogPage(entry, Stale: null);
    }

    private CatalogPage ServeStale(string key, CachedJson? kept, Exception failure)
    {
        var now = _clock.GetUtcNow();
        if (kept is null || now >= kept.KeptUntil)
        {
            LogUnavailable(failure, key);
            throw new CatalogUnavailableException(failure);
        }
        _metrics.Degraded(StalePart);
        LogServedStale(failure, key);
        return new CatalogPage(kept, Stale: now - kept.ReadAt);
    }

    /// <summary>Forgets every cached page.</summary>
    public void Invalidate()
    {
        var previous = Interlocked.Exchange(ref _generation, new CancellationTokenSource());
        previous.Cancel();
    }

    public void Dispose()
    {
        _generation.Dispose();
        _entries.Dispose();
    }

    private TimeSpan FreshnessOfOnePage() => _ttl * (1 - (_ttlSpread * Random.Shared.NextDouble()));

    /// <summary>A strong validator: the same bytes always give the same tag, on every replica.</summary>
    private static string ETagOf(byte[] body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    private static DateTimeOffset Earliest(DateTimeOffset a, DateTimeOffset? b) => b is { } other && other < a ? other : a;

    [LoggerMessage(LogLevel.Warning, "The catalog database cannot be read; served the stale page {Key}.")]
    private partial void LogServedStale(Exception exception, string key);

    [LoggerMessage(LogLevel.Warning, "The catalog database cannot be read and no stale page {Key} is kept.")]
    private partial void LogUnavailable(Exception exception, string key);
}

/// <summary>A body just read; <paramref name="ValidUntil"/> is when it may become wrong (null: only the TTL applies).</summary>
internal sealed record FreshJson(byte[] Body, DateTimeOffset? ValidUntil);

/// <summary>A page as kept: read at <paramref name="ReadAt"/>, served without reading again until
/// <paramref name="FreshUntil"/>, served when reading fails until <paramref name="KeptUntil"/>.</summary>
internal sealed record CachedJson(byte[] Body, string ETag, DateTimeOffset ReadAt, DateTimeOffset FreshUntil, DateTimeOffset KeptUntil);

/// <summary>A page to answer with; <paramref name="Stale"/> is its age when it is served stale.</summary>
internal sealed record CatalogPage(CachedJson Json, TimeSpan? Stale);

/// <summary>The catalog database cannot be read and no stale page can stand in.</summary>
internal sealed class CatalogUnavailableException(Exception inner) : Exception("The catalog database cannot be read.", inner);
