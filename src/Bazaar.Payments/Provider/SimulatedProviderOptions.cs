using Bazaar.Platform;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Provider;

/// <summary>Bound from <c>Payments</c>.</summary>
public sealed class SimulatedProviderOptions
{
    /// <summary>How long the slow test card (4000000000000077) takes to authorise.</summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan SlowCardDelay { get; set; } = TimeSpan.FromSeconds(3);
}

[OptionsValidator]
internal sealed partial class SimulatedProviderOptionsValidator : IValidateOptions<SimulatedProviderOptions>;
