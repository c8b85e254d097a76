using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Seeding;

/// <summary>On first start (no products yet), writes the sample catalog before the first request.</summary>
internal sealed class CatalogSeeder(
    CatalogWriter writer, IOptions<SeedOptions> seed, TimeProvider clock, ILogger<CatalogSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (seed.Value.Products == 0 || await writer.HasProductsAsync(cancellationToken)) return;

        var sample = CatalogGenerator.Generate(seed.Value, clock.GetUtcNow());
        if (await writer.AddIfEmptyAsync(sample, cancellationToken))
        {
            await writer.AnalyzeAsync(cancellationToken);
            logger.LogInformation("Seeded the catalog with {Products} products in {Categories} categories",
                sample.Products.Count, sample.Categories.Count);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
