using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Refunds;

internal enum RefundFailure { KeyReusedWithAnotherBody, UnknownPayment, NotCaptured, CurrencyMismatch, ExceedsCapture, OutcomeUnknown }

internal sealed record RefundOutcome(RefundResponse? Refund, RefundFailure? Failure);

/// <summary>Refunds part or all of a captured payment once per Idempotency-Key, never more than
/// was captured, and appends each refund to the ledger. A refund is claimed (Pending, counted
/// against the capture) before the provider is asked, and stays Pending until the provider
/// confirms it: a provider error leaves its outcome unknown, so it is never given back; a retry
/// with the same key, or the sweeper, sends the same refund id again, which the provider
/// recognises, and completes it once.</summary>
internal sealed class RefundService(RefundRepository refunds, IPaymentProvider provider, TimeProvider clock, ILogger<RefundService> logger)
{
    public async Task<RefundOutcome> RefundAsync(Guid paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = IdempotencyKey.Fingerprint(new RefundFingerprint(paymentId, amount), PaymentsJson.Default.RefundFingerprint);
        var claim = await refunds.ClaimAsync(paymentId, amount, idempotencyKey, fingerprint, clock.GetUtcNow(), cancellationToken);
        if (claim.Refusal is { } refusal) return new RefundOutcome(null, refusal);

        var refund = claim.Refund!;
        if (refund.RequestFingerprint != fingerprint) return new RefundOutcome(null, RefundFailure.KeyReusedWithAnotherBody);
        if (refund.Status == RefundStatus.Completed) return new RefundOutcome(await ResponseAsync(refund), null);
        // Claimed (now or by an earlier attempt whose outcome is unknown): from here on the caller
        // going away must not cut the provider off mid-answer.
        return await SendAsync(refund)
            ? new RefundOutcome(await ResponseAsync(refund), null)
            : new RefundOutcome(null, RefundFailure.OutcomeUnknown);
    }

    /// <summary>Sends again the refunds left Pending since before <paramref name="claimedBefore"/>;
    /// returns how many the provider confirmed.</summary>
    public async Task<int> ResendPendingAsync(DateTimeOffset claimedBefore, CancellationToken cancellationToken)
    {
        var completed = 0;
        foreach (var refund in await refunds.ListPendingAsync(claimedBefore, cancellationToken))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await SendAsync(refund)) completed++;
        }
        return completed;
    }

    /// <summary>Asks the provider for a claimed refund (under its own id, so a resend is recognised)
    /// and records its confirmation; false when the provider did not answer (it stays Pending and
    /// the sweeper sends it again).</summary>
    public async Task<bool> SendAsync(RefundRow refund)
    {
        var amount = new Money(refund.Amount, refund.Currency);
        string providerReference;
        try
        {
            providerReference = await provider.RefundAsync(refund.CaptureReference!, refund.Id, amount, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // Not a refusal: the provider may have refunded. The refund stays Pending (still counted
            // against the capture) and is sent again under the same id.
            logger.LogWarning(exception, "The provider did not confirm refund {RefundId}; it stays pending", refund.Id);
            return false;
        }

        var entry = new LedgerEntry(Guid.CreateVersion7(), refund.PaymentId, LedgerEntry.Refund, amount, providerReference, clock.GetUtcNow());
        await refunds.CompleteAsync(refund.Id, providerReference, entry, CancellationToken.None);
        return true;
    }

    /// <summary>The answer decided when the refund was claimed. A refund claimed by an earlier
    /// version of this service has none stored: it is rebuilt from the refunds claimed up to it.</summary>
    private async Task<RefundResponse> ResponseAsync(RefundRow refund)
    {
        if (refund.Response is { } json) return JsonSerializer.Deserialize(json, PaymentsJson.Default.RefundResponse)!;
        var all = await refunds.ListForPaymentsAsync([refund.PaymentId], CancellationToken.None);
        var refundedTotal = all.Where(r => r.CreatedAt <= refund.CreatedAt).Sum(r => r.Amount);
        var captured = await refunds.CapturedAmountAsync(refund.PaymentId, CancellationToken.None);
        return new RefundResponse(refund.Id, refund.PaymentId, new Money(refund.Amount, refund.Currency), new Money(refundedTotal, refund.Currency),
            refundedTotal == captured ? RefundStatus.Refunded : RefundStatus.PartiallyRefunded);
    }
}
