using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.RateLimiting;

namespace Bazaar.Gateway.RateLimiting;

/// <summary>A request refused by a bucket gets a 429 problem with <c>Retry-After</c> (whole seconds,
/// at least one) from the bucket's own estimate, and is counted per route on the
/// <c>Bazaar.Gateway</c> meter.</summary>
internal sealed class RateLimitRejections
{
    public const string MeterName = "Bazaar.Gateway";

    private readonly Counter<long> _rejected;

    public RateLimitRejections(IMeterFactory meters) =>
        _rejected = meters.Create(MeterName).CreateCounter<long>("bazaar.gateway.rate_limited",
            description: "Requests the gateway refused with 429 because a rate limit bucket was empty, by route.");

    public async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        _rejected.Add(1, new KeyValuePair<string, object?>("route", RateLimitScope.RouteOf(context)));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problem.Create(StatusCodes.Status429TooManyRequests, "too-many-requests", "Too many requests",
            $"Too many requests from this client; try again in {seconds} s.").ExecuteAsync(context);
    }
}
