namespace Bazaar.Platform.Governance.Policy;

/// <summary>The gateway's part of the traffic policy: per-route timeouts and rate limits.</summary>
public sealed record GatewayPolicy
{
    /// <summary>Per YARP route id (e.g. <c>products</c>, <c>users</c>).</summary>
    public Dictionary<string, GatewayRoutePolicy> Routes { get; set; } = [];

    /// <summary>Applies to every route without its own <see cref="GatewayRoutePolicy.RateLimit"/>.</summary>
    public RateLimitPolicy RateLimit { get; set; } = new();
}

public sealed record GatewayRoutePolicy
{
    /// <summary>The most a request on this route may take end to end; it travels to the service as
    /// its deadline.</summary>
    public TimeSpan? Timeout { get; set; }

    public RateLimitPolicy? RateLimit { get; set; }
}

/// <summary>Token buckets, one per signed-in user and one per client address. A request needs a
/// token from each bucket that applies; a missing bucket does not limit.</summary>
public sealed record RateLimitPolicy
{
    public TokenBucketPolicy? PerUser { get; set; }

    public TokenBucketPolicy? PerClientIp { get; set; }
}

/// <summary>Refills <see cref="TokensPerSecond"/>, holds at most <see cref="Burst"/>.</summary>
public sealed record TokenBucketPolicy(double TokensPerSecond, int Burst);
