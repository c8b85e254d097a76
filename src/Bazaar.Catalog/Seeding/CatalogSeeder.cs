using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Seeding;

/// <summary>On first start (no products yet), writes the sample catalog. It runs after the server
/// has started, so liveness answers while a large catalog (100,000 products take minutes) is
/// written and no supervisor kills the replica for it; readiness stays false until it is done,
/// so no traffic meets a half-written catalog. A failure stops the process; the restarted one
/// carries on where it stopped.</summary>
internal sealed class CatalogSeeder(
    CatalogWriter writer, CatalogSeedState state, IOptions<SeedOptions> seed, TimeProvider clock, ILogger<CatalogSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (seed.Value.Products > 0 && await writer.NeedsSeedAsync(stoppingToken))
        {
            var sample = CatalogGenerator.Generate(seed.Value, clock.GetUtcNow());
            if (await writer.SeedAsync(sample, stoppingToken))
            {
                await writer.AnalyzeAsync(stoppingToken);
                logger.LogInformation("Seeded the catalog with {Products} products in {Categories} categories",
                    sample.Products.Count, sample.Categories.Count);
            }
        }
        state.MarkSeeded();
    }
}

/// <summary>Whether the sample catalog is in place (or none was asked for); read by readiness.</summary>
internal sealed class CatalogSeedState
{
    private volatile bool _seeded;

    public bool IsSeeded => _seeded;

    public void MarkSeeded() => _seeded = true;
}
