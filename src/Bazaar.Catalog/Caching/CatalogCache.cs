using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bazaar.Catalog.Caching;

/// <summary>Serialised product pages with their ETag, kept for at most <see cref="CacheOptions.Ttl"/>
/// and dropped all at once when an admin changes the catalog through this process. Other replicas
/// see the change when their entries expire. A page is never served past the moment its prices
/// change by time (a sale window closing): stock may lag by the TTL, a price must not.</summary>
internal sealed class CatalogCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _clock;
    private CancellationTokenSource _generation = new();

    public CatalogCache(IOptions<CacheOptions> options, TimeProvider clock)
    {
        _ttl = options.Value.Ttl;
        _clock = clock;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });
    }

    /// <summary>The cached body under <paramref name="key"/>, or a fresh one from
    /// <paramref name="create"/> (null: nothing to cache, e.g. not found).</summary>
    public async Task<CachedJson?> GetOrCreateAsync(string key, Func<CancellationToken, Task<FreshJson?>> create, CancellationToken cancellationToken)
    {
        // Checked on the service's clock, not the cache's own: the instant comes from price windows.
        if (_entries.TryGetValue(key, out CachedJson? hit) && (hit!.ValidUntil is not { } servedUntil || _clock.GetUtcNow() < servedUntil)) return hit;

        // Taken before reading, so a page read before an invalidation is born expired.
        var generation = Volatile.Read(ref _generation).Token;
        if (await create(cancellationToken) is not { } fresh) return null;
        var entry = new CachedJson(fresh.Body, ETagOf(fresh.Body), fresh.ValidUntil);
        var lifetime = fresh.ValidUntil is { } until ? Min(_ttl, until - _clock.GetUtcNow()) : _ttl;
        if (lifetime > TimeSpan.Zero)
        {
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = lifetime }
                .AddExpirationToken(new CancellationChangeToken(generation)));
        }
        return entry;
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

    /// <summary>A strong validator: the same bytes always give the same tag, on every replica.</summary>
    private static string ETagOf(byte[] body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"";

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

/// <summary>A body just read; <paramref name="ValidUntil"/> is when it may become wrong (null: only the TTL applies).</summary>
internal sealed record FreshJson(byte[] Body, DateTimeOffset? ValidUntil);

internal sealed record CachedJson(byte[] Body, string ETag, DateTimeOffset? ValidUntil);
