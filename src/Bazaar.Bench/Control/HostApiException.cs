namespace Bazaar.Bench.Control;

/// <summary>The Host API could not be found or reached, or answered with a problem; the message
/// is what the user reads after <c>error:</c>.</summary>
internal sealed class HostApiException(string message) : Exception(message);
