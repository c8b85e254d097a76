using Microsoft.Extensions.Options;

namespace Bazaar.Platform.Health;

/// <summary>Graceful shutdown, bound from <c>Bazaar:Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    /// <summary>How long readiness stays false before the server stops accepting connections.</summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan DrainDelay { get; set; } = TimeSpan.Zero;

    /// <summary>The most time in-flight requests get to finish after that.</summary>
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

[OptionsValidator]
internal sealed partial class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>;
