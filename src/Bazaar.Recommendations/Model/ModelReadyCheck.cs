using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Recommendations.Model;

/// <summary>Readiness: not ready until the lists of a complete generation are in memory, so that a
/// starting replica gets no traffic while every answer would be an empty <c>popular</c>.</summary>
internal sealed class ModelReadyCheck(ModelCache cache) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(cache.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the recommendation model is not loaded yet"));
}
