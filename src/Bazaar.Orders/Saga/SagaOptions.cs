using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Orders.Saga;

/// <summary>Bound from <c>Orders:Saga</c>.</summary>
public sealed class SagaOptions
{
    /// <summary>How long an order may wait for its payment before it is given up and its stock released.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan PaymentDeadline { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How much longer than the payment deadline the product-service holds the stock, so
    /// the saga (not the hold's expiry) decides the order's fate.</summary>
    [TimeSpanRange("00:00:00", "1.00:00:00")]
    public TimeSpan StockHoldGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the runner looks for sagas that are due.</summary>
    [TimeSpanRange("00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a payment with no known outcome is looked up again.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after a step's first failure; it doubles per failure up to <see cref="RetryMax"/>.</summary>
    [TimeSpanRange("00:00:00.010", "00:10:00")]
    public TimeSpan RetryInitial { get; set; } = TimeSpan.FromSeconds(1);

    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan RetryMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a runner (or a checkout request) holds a saga it works on; another
    /// replica takes it over after this if the holder died.</summary>
    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sagas worked on at once by one replica's runner.</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = 8;
}
