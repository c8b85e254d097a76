using Bazaar.Payments.Provider;

namespace Bazaar.Payments.Charges;

/// <summary>Settles payments left Pending (a crash or a lost answer between claiming the payment
/// and recording the provider's answer), which would otherwise hold their order for ever: the
/// provider is asked what became of each.</summary>
internal sealed class PendingPaymentResolver(PaymentRepository payments, PaymentRecorder recorder, IPaymentProvider provider, ILogger<PendingPaymentResolver> logger)
{
    /// <summary>Settles the payments claimed before <paramref name="claimedBefore"/>; returns how many.</summary>
    public async Task<int> ResolveAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        var settled = 0;
        foreach (var payment in await payments.ListPendingAsync(claimedBefore, cancellationToken))
        {
            try
            {
                if (await ResolveAsync(payment, cancellationToken)) settled++;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The provider or the database failed for this one: the next sweep asks again.
                logger.LogWarning(exception, "Could not settle pending payment {PaymentId}", payment.Id);
            }
        }
        return settled;
    }

    private async Task<bool> ResolveAsync(Payment payment, CancellationToken cancellationToken)
    {
        var lookup = await provider.FindAuthorisationAsync(payment.Id, cancellationToken);
        switch (lookup.Result)
        {
            case LookupResult.InProgress:
                return false;
            case LookupResult.Found when lookup.Authorisation!.Outcome != AuthorisationOutcome.UnknownCard:
                var response = await recorder.RecordAsync(payment, lookup.Authorisation, cancellationToken);
                if (response is null) return false;
                logger.LogInformation("Settled pending payment {PaymentId} as {Status}", payment.Id, response.Status);
                return true;
            default:
                // The provider never authorised it: no money moved, and the order is free again. (Another
                // replica's charge is unknown to this replica's provider; PendingAfter outlasts a live
                // charge, and a capture that lands later all the same is still recorded.)
                var abandoned = await payments.AbandonAsync(payment.Id, cancellationToken);
                if (abandoned) logger.LogInformation("Abandoned pending payment {PaymentId}: the provider never authorised it", payment.Id);
                return abandoned;
        }
    }
}
