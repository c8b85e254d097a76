namespace Bazaar.Messaging;

/// <summary>Capped exponential back-off: <c>initial · 2^(attempt-1)</c>, never above <c>max</c>.</summary>
public static class Backoff
{
    /// <summary>The delay before retry number <paramref name="attempt"/> (1 = the first retry).</summary>
    public static TimeSpan Delay(int attempt, TimeSpan initial, TimeSpan max)
    {
        if (attempt <= 0 || initial <= TimeSpan.Zero) return TimeSpan.Zero;
        // Past 2^30 the product overflows long before the cap matters.
        var factor = Math.Pow(2, Math.Min(attempt - 1, 30));
        var ticks = Math.Min(initial.Ticks * factor, max.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }
}
