using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Recommendations.Model.Shared;

/// <summary>Settings under <c>Recommendations:Redis</c>, used when <c>ConnectionStrings:Redis</c> is set.</summary>
internal sealed class RedisListOptions
{
    /// <summary>Every key starts with this, so environments and tests can share one Redis.</summary>
    [Required, MinLength(1)]
    public string KeyPrefix { get; set; } = "bazaar:recommendations:";

    /// <summary>How long the builder's lease lasts without renewal: after a builder dies, the lists
    /// stop moving for at most this long before another replica takes over. The builder renews it
    /// about three times as often, on a loop of its own, however long a refresh takes. It must
    /// span several refresh intervals (checked at start-up): a shorter one would change builders,
    /// each change a full reload on every replica, at every hiccup.</summary>
    [TimeSpanRange("00:00:00.100", "00:10:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Change entries kept (approximately) in the changes stream; a mirror further behind
    /// than this reloads every list.</summary>
    [Range(10, 1_000_000)]
    public int ChangesKept { get; set; } = 1000;
}
