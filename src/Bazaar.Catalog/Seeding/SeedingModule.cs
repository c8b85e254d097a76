using Bazaar.Platform.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Bazaar.Catalog.Seeding;

internal static class SeedingModule
{
    public static WebApplicationBuilder AddSeeding(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CatalogOptions>().BindConfiguration("Catalog").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SeedOptions>().BindConfiguration("Catalog:Seed").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<CatalogWriter>();
        builder.Services.AddSingleton<CatalogSeedState>();
        builder.Services.AddHostedService<CatalogSeeder>();
        builder.Services.AddHealthChecks().AddCheck<SeededHealthCheck>("catalog-seeded", tags: [HealthExtensions.ReadyTag]);
        return builder;
    }
}

internal sealed class SeededHealthCheck(CatalogSeedState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.IsSeeded ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("writing the sample catalog"));
}
