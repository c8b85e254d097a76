using System.Net;
using Bazaar.Platform.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Bazaar.Platform.Redis;

public static class RedisExtensions
{
    /// <summary>The setting that names the Redis server: a StackExchange.Redis configuration
    /// string, e.g. <c>127.0.0.1:6379</c> (<c>ConnectionStrings__Redis</c> in the environment).</summary>
    public const string Setting = "ConnectionStrings:Redis";

    /// <summary>Connects to Redis when <see cref="Setting"/> is set, at start-up: a server that
    /// does not answer stops the process with one line naming the setting and the endpoint.
    /// Registers the <see cref="IConnectionMultiplexer"/> and a readiness check <c>redis</c> (PING,
    /// bounded at half a second). Without the setting it registers nothing: the service keeps its
    /// embedded default.</summary>
    /// <param name="requiredToServe">Whether the service needs Redis to answer requests. If so,
    /// readiness turns false when Redis is lost (the gateway stops routing to the replica). If not
    /// (requests answer from memory, Redis only feeds it in the background), the check reports
    /// Degraded instead: readiness stays true, and <c>/health/ready</c> says <c>Degraded</c>.</param>
    /// <returns>Whether Redis is configured, so the service can choose its store.</returns>
    public static bool AddBazaarRedis(this WebApplicationBuilder builder, bool requiredToServe = true)
    {
        var configuration = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(configuration)) return false;

        var redis = Connect(configuration);
        // A factory, not an instance, so the container disposes the connection at shutdown.
        builder.Services.AddSingleton<IConnectionMultiplexer>(_ => redis);
        builder.Services.AddHealthChecks().AddCheck("redis", new RedisHealthCheck(redis),
            failureStatus: requiredToServe ? HealthStatus.Unhealthy : HealthStatus.Degraded, tags: [HealthExtensions.ReadyTag]);
        return true;
    }

    private static ConnectionMultiplexer Connect(string configuration)
    {
        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(configuration);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidOperationException($"{Setting} is not a Redis configuration string: {exception.Message}", exception);
        }
        options.AbortOnConnectFail = true; // fail at start-up, never run half-configured
        if (!configuration.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
        // A command while the connection is down fails at once rather than queueing: the
        // callers (background loops, health checks) try again on their own schedule.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        try
        {
            return ConnectionMultiplexer.Connect(options);
        }
        catch (RedisException exception)
        {
            // The endpoints only: the configuration string may hold a password.
            var endpoints = string.Join(", ", options.EndPoints.Select(Describe));
            throw new InvalidOperationException($"{Setting}: Redis does not answer at {endpoints}; start it or fix the setting.", exception);
        }
    }

    private static string Describe(EndPoint endpoint) => endpoint switch
    {
        DnsEndPoint dns => $"{dns.Host}:{dns.Port}",
        _ => endpoint.ToString() ?? "",
    };

    private sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
    {
        // Well inside a readiness probe's timeout (1 s in the Host and in Kubernetes by default), so
        // that a Redis that hangs rather than refuses still gets its status reported, Degraded
        // included, instead of failing the whole probe.
        private static readonly TimeSpan Bound = TimeSpan.FromMilliseconds(500);

        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(Bound, cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "redis unreachable", exception);
            }
        }
    }
}
