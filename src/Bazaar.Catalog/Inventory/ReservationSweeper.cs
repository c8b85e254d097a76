using System.Data.Common;
using Microsoft.Extensions.Options;

namespace Bazaar.Catalog.Inventory;

/// <summary>Gives the stock of abandoned checkouts back: every period, releases the reservations
/// whose time is up. Every replica runs one; the release is a conditional update, so two replicas
/// sweeping together never release a reservation twice.</summary>
internal sealed class ReservationSweeper(
    StockReservations reservations, IOptions<ReservationOptions> options, TimeProvider clock, ILogger<ReservationSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepPeriod, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var released = await reservations.ReleaseExpiredAsync(options.Value.SweepBatch, stoppingToken);
                if (released > 0) logger.LogInformation("Released {Count} expired reservations", released);
            }
            catch (DbException exception)
            {
                // The next tick tries again; a busy or briefly unreachable database is no reason to stop sweeping.
                logger.LogWarning(exception, "Sweeping expired reservations failed");
            }
        }
    }
}
