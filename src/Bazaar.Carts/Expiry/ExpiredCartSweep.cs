using Bazaar.Carts.Cart;
using Microsoft.Extensions.Options;

namespace Bazaar.Carts.Expiry;

/// <summary>One sweep: deletes every expired cart, one bounded batch per transaction, so the
/// database's single writer is never held for long.</summary>
internal sealed class ExpiredCartSweep(CartRepository repository, IOptions<CartsOptions> options, ILogger<ExpiredCartSweep> logger)
{
    /// <summary>Answers how many carts went.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await repository.DeleteExpiredAsync(cancellationToken);
            total += deleted;
        }
        while (deleted == options.Value.SweepBatchSize);
        if (total > 0)
        {
            logger.LogInformation("Swept {Count} expired carts", total);
        }
        return total;
    }
}
