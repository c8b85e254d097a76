using System.ComponentModel.DataAnnotations;
using Bazaar.Platform;

namespace Bazaar.Orders.Fulfilment;

/// <summary>The simulated carrier, bound from <c>Orders:SimulatedCarrier</c>.</summary>
public sealed class SimulatedCarrierOptions
{
    /// <summary>Off unless set: a real deployment's shipments are moved by admins (or a real carrier).</summary>
    public bool Enabled { get; set; }

    /// <summary>How long each shipment waits between two steps.</summary>
    [TimeSpanRange("00:00:00.010", "1.00:00:00")]
    public TimeSpan StepInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Shipments moved per step at most.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 200;
}
