using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts.Expiry;

/// <summary>Runs <see cref="ExpiredCartSweep"/> every <see cref="CartsOptions.SweepPeriod"/> on the
/// registered <see cref="TimeProvider"/>. Reads already ignore expired carts; sweeping only gives
/// the space back.</summary>
internal sealed class CartSweeper(ExpiredCartSweep sweep, TimeProvider clock, IOptions<CartsOptions> options, ILogger<CartSweeper> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepPeriod, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await sweep.RunAsync(stoppingToken);
                }
                catch (SqliteException exception)
                {
                    // The next tick tries again; a busy or briefly lost database must not end the sweeper.
                    logger.LogWarning(exception, "Sweeping expired carts failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
