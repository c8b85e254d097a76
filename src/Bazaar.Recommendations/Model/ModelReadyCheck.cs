using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Recommendations.Model;

/// <summary>Readiness: not ready until the lists of a complete generation are in memory (with
/// Redis: until the mirror has loaded a published model once), so that a starting replica gets no
/// traffic while every answer would be an empty <c>popular</c>.</summary>
internal sealed class ModelReadyCheck(IModelLists lists) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lists.IsLoaded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("the recommendation model is not loaded yet"));
}
