using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Catalog.Inventory;

/// <summary>How long stock is held for a checkout, bound from <c>Catalog:Reservations</c>.</summary>
public sealed class ReservationOptions
{
    /// <summary>How long a reservation holds its stock when the caller does not say.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often expired reservations are looked for and released.</summary>
    [TimeSpanRange("00:00:00.100", "01:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>At most this many reservations are released per sweep, so one sweep stays short.</summary>
    [Range(1, 10_000)]
    public int SweepBatch { get; set; } = 500;
}
