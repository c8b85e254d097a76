using System.Threading.RateLimiting;
using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Gateway.RateLimiting;

internal static class TokenBuckets
{
    /// <summary>The framework's bucket adds whole tokens once per period, checked on the partitioned
    /// limiter's 100 ms heartbeat, so a period must be long next to that heartbeat to keep the rate:
    /// about a second's worth of tokens at a time (at least one token; a slower bucket waits longer
    /// for its one). <see cref="TokenBucketPolicy.Burst"/> caps what a bucket can hold.</summary>
    public static TokenBucketRateLimiterOptions Options(TokenBucketPolicy bucket)
    {
        var tokensPerPeriod = Math.Max(1, (int)Math.Round(bucket.TokensPerSecond));
        return new TokenBucketRateLimiterOptions
        {
            TokenLimit = bucket.Burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromSeconds(tokensPerPeriod / bucket.TokensPerSecond),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
    }
}
