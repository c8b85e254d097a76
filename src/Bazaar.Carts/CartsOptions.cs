using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts;

/// <summary>Bound from <c>Carts</c>.</summary>
public sealed class CartsOptions
{
    /// <summary>The currency of an empty cart's total (priced carts take the catalog's).</summary>
    [Required, RegularExpression("^[A-Z]{3}$")]
    public string Currency { get; set; } = "USD";

    /// <summary>Distinct SKUs one cart may hold; at most what one catalog quote accepts.</summary>
    [Range(1, 100)]
    public int MaxLines { get; set; } = 100;

    /// <summary>How long a cart (anonymous or a user's) lives without a change before it is gone.</summary>
    [TimeSpanRange("00:01:00", "3650.00:00:00")]
    public TimeSpan Expiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often the sweeper deletes expired carts.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Carts deleted per sweeper transaction, so a sweep never holds the write lock for long.</summary>
    [Range(1, 10_000)]
    public int SweepBatchSize { get; set; } = 500;
}

[OptionsValidator]
internal sealed partial class CartsOptionsValidator : IValidateOptions<CartsOptions>;
