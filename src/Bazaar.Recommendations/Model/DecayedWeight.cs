namespace Bazaar.Recommendations.Model;

/// <summary>A sum of purchases where each purchase weighs 1 at its own time and halves every
/// half-life after it: <c>Σ 2^-(t - tᵢ)/h</c>. It is kept exactly as the sum's value at
/// <see cref="AsOf"/> (unix ms), the latest purchase time seen: adding a purchase decays the value
/// to the purchase's time first (or, for a purchase older than <see cref="AsOf"/>, adds its weight
/// already decayed to <see cref="AsOf"/>), so the order events arrive in does not matter, and
/// reading at any time is one multiplication. No reference epoch, so nothing overflows.</summary>
internal readonly record struct DecayedWeight(double Value, long AsOf)
{
    /// <summary>This weight plus one purchase at <paramref name="at"/> (unix ms).</summary>
    public DecayedWeight Add(long at, TimeSpan halfLife) =>
        at >= AsOf
            ? new DecayedWeight(Value * Factor(at - AsOf, halfLife) + 1, at)
            : new DecayedWeight(Value + Factor(AsOf - at, halfLife), AsOf);

    /// <summary>The value at <paramref name="at"/> (unix ms); before <see cref="AsOf"/> it is
    /// larger, as the decay runs backwards.</summary>
    public double At(long at, TimeSpan halfLife) =>
        at >= AsOf ? Value * Factor(at - AsOf, halfLife) : Value / Factor(AsOf - at, halfLife);

    /// <summary>What one unit weighs <paramref name="elapsed"/> ms after it counted.</summary>
    private static double Factor(long elapsed, TimeSpan halfLife) => Math.Pow(2, -elapsed / halfLife.TotalMilliseconds);
}
