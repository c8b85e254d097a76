namespace Bazaar.Orders.Downstream;

/// <summary>A service the checkout depends on did not answer usefully (unreachable, timed out,
/// circuit open, or a 5xx).</summary>
public sealed class DownstreamUnavailableException(string service, Exception? inner = null)
    : Exception($"{service} is unavailable.", inner)
{
    public string Service { get; } = service;
}
