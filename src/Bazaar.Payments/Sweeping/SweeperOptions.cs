using Bazaar.Platform;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Sweeping;

/// <summary>Bound from <c>Payments:Sweeper</c>.</summary>
public sealed class SweeperOptions
{
    /// <summary>How often Pending payments and refunds are looked for.</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a payment or refund may stay Pending before the sweeper settles it. A
    /// payment the provider says it never saw is abandoned, and another replica's provider never saw
    /// this replica's charges: so this must exceed the longest a live charge holds its payment
    /// Pending (the provider timeout, then waiting for SQLite's write lock to record the answer),
    /// with room for clock skew between replicas and process pauses; checked at start-up
    /// (<see cref="PendingAfterValidator"/>). A capture that lands later all the same is still
    /// recorded, or given back when the order has moved on, but that should stay rare.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan PendingAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>When a caller whose payment is left Pending may expect it settled.</summary>
    public int SettledWithinSeconds => (int)Math.Ceiling((PendingAfter + Interval).TotalSeconds);
}

[OptionsValidator]
internal sealed partial class SweeperOptionsValidator : IValidateOptions<SweeperOptions>;
