using Microsoft.AspNetCore.RateLimiting;

namespace Bazaar.Gateway.RateLimiting;

/// <summary>ASP.NET Core's rate limiting middleware with <see cref="GatewayRateLimiter"/> as its
/// global limiter. It runs after authentication, so signed-in users are known (requests the
/// gateway itself refuses with 401 or 403 never reach it), and after routing, so the route is.</summary>
internal static class GatewayRateLimiting
{
    public static void AddGatewayRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayRateLimiter>();
        builder.Services.AddSingleton<RateLimitRejections>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<GatewayRateLimiter, RateLimitRejections>((options, limiter, rejections) =>
        {
            options.GlobalLimiter = limiter.Limiter;
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = rejections.RejectAsync;
        });
    }

    public static void UseGatewayRateLimiting(this WebApplication app) => app.UseRateLimiter();
}
