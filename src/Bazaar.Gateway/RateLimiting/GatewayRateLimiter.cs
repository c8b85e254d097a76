using System.Threading.RateLimiting;
using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Gateway.RateLimiting;

/// <summary>Token buckets from the traffic policy: one per signed-in user (the token's <c>sub</c>)
/// and one per client address, each per scope (<see cref="RateLimitScope"/>). A request takes a
/// token from each bucket that applies, the user's first, so a user held back does not also drain
/// the address they share with others.
/// <para>Reloads need no restart: a partition's key holds the bucket's settings, so a policy with
/// other numbers draws from new, full buckets at once, and an unchanged one keeps its buckets.</para>
/// <para>Memory stays bounded: the framework's partitioned limiter refills its token buckets on a
/// 100 ms heartbeat and drops a partition whose bucket has been full (idle) for 10 s, so old keys
/// and the buckets of a replaced policy go away by themselves.</para></summary>
internal sealed class GatewayRateLimiter : IDisposable
{
    private readonly TrafficPolicyStore _policies;
    private readonly PartitionedRateLimiter<HttpContext> _perUser;
    private readonly PartitionedRateLimiter<HttpContext> _perClientIp;

    public GatewayRateLimiter(TrafficPolicyStore policies)
    {
        _policies = policies;
        _perUser = PartitionedRateLimiter.Create<HttpContext, BucketKey>(context =>
            Partition(context, limits => limits.PerUser, context.User.FindFirst("sub")?.Value));
        _perClientIp = PartitionedRateLimiter.Create<HttpContext, BucketKey>(context =>
            Partition(context, limits => limits.PerClientIp, ClientAddress(context)));
        Limiter = PartitionedRateLimiter.CreateChained(_perUser, _perClientIp);
    }

    /// <summary>Both kinds of bucket, chained; the rate limiting middleware's global limiter.</summary>
    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    private RateLimitPartition<BucketKey> Partition(HttpContext context, Func<RateLimitPolicy, TokenBucketPolicy?> bucketOf, string? key)
    {
        if (key is null || RateLimitScope.Of(context, _policies.Current) is not { } scope || bucketOf(scope.Limits) is not { } bucket)
        {
            return RateLimitPartition.GetNoLimiter(BucketKey.Unlimited);
        }
        return RateLimitPartition.GetTokenBucketLimiter(new BucketKey(scope.Buckets, key, bucket), static key => TokenBuckets.Options(key.Bucket!));
    }

    private static string ClientAddress(HttpContext context) =>
        context.Connection.RemoteIpAddress is { } address
            ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
            : "unknown";

    public void Dispose()
    {
        Limiter.Dispose();
        _perUser.Dispose();
        _perClientIp.Dispose();
    }

    /// <param name="Buckets">The scope's name (<see cref="RateLimitScope.Buckets"/>).</param>
    /// <param name="Key">The user id or the client address.</param>
    /// <param name="Bucket">The settings (compared by value, see the class remarks); null: unlimited.</param>
    private readonly record struct BucketKey(string Buckets, string Key, TokenBucketPolicy? Bucket)
    {
        public static readonly BucketKey Unlimited = new("", "", null);
    }
}
