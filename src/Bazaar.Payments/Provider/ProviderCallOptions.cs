using Bazaar.Platform;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Provider;

/// <summary>Bound from <c>Payments:Provider</c>.</summary>
public sealed class ProviderCallOptions
{
    /// <summary>The most the provider calls of one charge (authorisation and capture together) may
    /// take. It bounds how long a charge holds its payment Pending, which the sweeper's
    /// <c>PendingAfter</c> must exceed. A charge cut off by it answers 503 payment-pending and is
    /// settled by the sweeper.</summary>
    [TimeSpanRange("00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

[OptionsValidator]
internal sealed partial class ProviderCallOptionsValidator : IValidateOptions<ProviderCallOptions>;
