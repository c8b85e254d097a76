using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Bazaar.Gateway.Caching;

/// <summary>The gateway's shared HTTP cache, bound from <c>Gateway:Cache</c>.</summary>
public sealed class EdgeCacheOptions
{
    /// <summary>Off: every request goes to its service, whatever the response allows.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The bound on the cache's memory, in bytes; when it is full nothing new is stored
    /// until entries expire.</summary>
    [Range(65_536d, 4_294_967_296d)] // doubles: RangeAttribute has no long bounds, and its (Type, string) form is not trimming-safe
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Larger bodies are passed through and never stored.</summary>
    [Range(1_024d, 67_108_864d)]
    public long MaxBodyBytes { get; set; } = 1024 * 1024;
}

[OptionsValidator]
internal sealed partial class EdgeCacheOptionsValidator : IValidateOptions<EdgeCacheOptions>;
