using Bazaar.Payments.Charges;
using Bazaar.Payments.Refunds;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Sweeping;

/// <summary>Every <see cref="SweeperOptions.Interval"/>, settles what a crash or a lost answer left
/// Pending for longer than <see cref="SweeperOptions.PendingAfter"/>: payments (asking the provider
/// what became of them) and refunds (sending them again under the same refund id). Every replica
/// may run one: each settlement is a conditional update and the provider recognises a resend.</summary>
internal sealed class PendingSweeper(
    PendingPaymentResolver payments, RefundService refunds, IOptions<SweeperOptions> options, TimeProvider clock, ILogger<PendingSweeper> logger)
    : BackgroundService
{
    /// <summary>One sweep; returns how many payments and refunds were settled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var claimedBefore = clock.GetUtcNow() - options.Value.PendingAfter;
        return await payments.ResolveAsync(claimedBefore, cancellationToken) + await refunds.ResendPendingAsync(claimedBefore, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var settled = await SweepAsync(stoppingToken);
                if (settled > 0) logger.LogInformation("Settled {Count} pending payments and refunds", settled);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a busy database is no reason to stop sweeping.
                logger.LogWarning(exception, "Sweeping pending payments and refunds failed");
            }
        }
    }
}
