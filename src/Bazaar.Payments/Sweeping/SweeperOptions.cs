using System.ComponentModel.DataAnnotations;

namespace Bazaar.Payments.Sweeping;

/// <summary>Bound from <c>Payments:Sweeper</c>.</summary>
public sealed class SweeperOptions
{
    /// <summary>How often Pending payments and refunds are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a payment or refund may stay Pending before the sweeper settles it. Longer
    /// than any answer the provider takes in the normal course (the slow test card included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PendingAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>When a caller whose payment is left Pending may expect it settled.</summary>
    public int SettledWithinSeconds => (int)Math.Ceiling((PendingAfter + Interval).TotalSeconds);
}
