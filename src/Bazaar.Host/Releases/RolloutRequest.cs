using Bazaar.Host.Configuration;

namespace Bazaar.Host.Releases;

/// <summary>What to roll a deployment to. Left out: the current revision's value.</summary>
/// <param name="Version">The new version label (a canary needs one of its own).</param>
/// <param name="Environment">Variables to set on top of the current revision's (an empty value removes one).</param>
/// <param name="BinariesDir">A published layout holding the new build (<c>&lt;dir&gt;/&lt;Project&gt;/&lt;Project&gt;.dll</c>).</param>
/// <param name="Strategy">RollingUpdate or Canary; left out: the deployment's configured strategy.</param>
internal sealed record RolloutRequest(string? Version, Dictionary<string, string>? Environment, string? BinariesDir, RolloutStrategyType? Strategy);
