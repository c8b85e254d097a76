using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Pricing;

/// <summary>Keeps <see cref="PriceIndex"/> in step with time: every refresh period, SKUs whose price
/// window opened or closed are recomputed. Idempotent, so every replica may run it.</summary>
internal sealed class PriceIndexRefresher(PriceIndex index, IOptions<PriceOptions> options, TimeProvider clock, ILogger<PriceIndexRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshPeriod, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await index.RefreshDueAsync(stoppingToken);
            }
            catch (DbException exception)
            {
                logger.LogWarning(exception, "Refreshing current prices failed");
            }
        }
    }
}
