namespace Bazaar.Bench.Scenarios;

/// <summary>The platform could not be prepared for a run (not reachable, no products, a user not
/// registered); the run does not start.</summary>
internal sealed class PreparationException(string message) : Exception(message);
