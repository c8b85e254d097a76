using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Bazaar.Catalog.Caching;

/// <summary>Serialised product pages with their ETag, kept for at most <see cref="CacheOptions.Ttl"/>
/// and dropped all at once when an admin changes the catalog through this process. Other replicas
/// see the change when their entries expire.</summary>
internal sealed class CatalogCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeSpan _ttl;
    private CancellationTokenSource _generation = new();

    public CatalogCache(IOptions<CacheOptions> options)
    {
        _ttl = options.Value.Ttl;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MaxEntries });
    }

    /// <summary>The cached body under <paramref name="key"/>, or a fresh one from
    /// <paramref name="create"/> (null: nothing to cache, e.g. not found).</summary>
    public async Task<CachedJson?> GetOrCreateAsync(string key, Func<CancellationToken, Task<byte[]?>> create, CancellationToken cancellationToken)
    {
        if (_entries.TryGetValue(key, out CachedJson? hit)) return hit;

        // Taken before reading, so a page read before an invalidation is born expired.
        var generation = Volatile.Read(ref _generation).Token;
        var body = await create(cancellationToken);
        if (body is null) return null;
        var entry = new CachedJson(body, ETagOf(body));
        if (_ttl > TimeSpan.Zero)
        {
            _entries.Set(key, entry, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = _ttl }
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
}

internal sealed record CachedJson(byte[] Body, string ETag);
