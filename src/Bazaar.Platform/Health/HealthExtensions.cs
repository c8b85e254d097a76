using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Platform.Health;

public static class HealthExtensions
{
    /// <summary>Checks with this tag decide readiness; liveness only asks "does the process answer".</summary>
    public const string ReadyTag = "ready";

    internal static void AddBazaarHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DrainState>();
        builder.Services.AddHostedService<DrainOnShutdown>();
        builder.Services.AddOptions<ShutdownOptions>().BindConfiguration("Bazaar:Shutdown").ValidateOnStartWith<ShutdownOptions, ShutdownOptionsValidator>();
        builder.Services.AddOptions<HostOptions>().Configure<Microsoft.Extensions.Options.IOptions<ShutdownOptions>>(
            (host, shutdown) => host.ShutdownTimeout = shutdown.Value.DrainDelay + shutdown.Value.Timeout);
        builder.Services.AddHealthChecks().AddCheck<NotDrainingHealthCheck>("not-draining", tags: [ReadyTag]);
    }

    internal static void MapBazaarHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
    }

    private sealed class NotDrainingHealthCheck(DrainState drain) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(drain.IsDraining ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());
    }
}
