namespace Bazaar.Bench.Scenarios;

/// <summary>A shopper logged in before the clock started; <see cref="Authorization"/> is the ready-made header value.</summary>
internal sealed record BenchUser(string Email, string Authorization, string CartSku);
