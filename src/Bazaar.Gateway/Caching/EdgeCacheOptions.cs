using System.ComponentModel.DataAnnotations;

namespace Bazaar.Gateway.Caching;

/// <summary>The gateway's shared HTTP cache, bound from <c>Gateway:Cache</c>.</summary>
public sealed class EdgeCacheOptions
{
    /// <summary>Off: every request goes to its service, whatever the response allows.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bound on the cache's memory, in bytes; when it is full nothing new is stored
    /// until entries expire.</summary>
    [Range(typeof(long), "65536", "4294967296")]
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Larger bodies are passed through and never stored.</summary>
    [Range(typeof(long), "1024", "67108864")]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}
