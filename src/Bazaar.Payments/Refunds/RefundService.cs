using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Refunds;

internal enum RefundFailure { KeyReusedWithAnotherBody, InProgress, UnknownPayment, NotCaptured, CurrencyMismatch, ExceedsCapture }

internal sealed record RefundOutcome(RefundResponse? Refund, RefundFailure? Failure);

/// <summary>Refunds part or all of a captured payment once per Idempotency-Key, never more than
/// was captured, and appends each refund to the ledger.</summary>
internal sealed class RefundService(RefundRepository refunds, IPaymentProvider provider, TimeProvider clock)
{
    public async Task<RefundOutcome> RefundAsync(Guid paymentId, Money amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var fingerprint = IdempotencyKey.Fingerprint(new RefundFingerprint(paymentId, amount), PaymentsJson.Default.RefundFingerprint);
        var claim = await refunds.ClaimAsync(paymentId, amount, idempotencyKey, fingerprint, clock.GetUtcNow(), cancellationToken);
        if (claim.Earlier is { } earlier) return Replay(earlier, fingerprint);
        if (claim.Refusal is { } refusal) return new RefundOutcome(null, refusal);

        var refund = claim.Claimed!;
        string providerReference;
        try
        {
            providerReference = await provider.RefundAsync(claim.CaptureReference!, refund.Id, amount, cancellationToken);
        }
        catch (Exception)
        {
            await refunds.ReleaseAsync(refund.Id, CancellationToken.None);
            throw;
        }

        // The provider has acted: record it even if the caller has gone away meanwhile.
        var response = claim.Response!;
        var entry = new LedgerEntry(Guid.CreateVersion7(), paymentId, LedgerEntry.Refund, amount, providerReference, clock.GetUtcNow());
        await refunds.CompleteAsync(refund.Id, providerReference, JsonSerializer.Serialize(response, PaymentsJson.Default.RefundResponse), entry, CancellationToken.None);
        return new RefundOutcome(response, null);
    }

    private static RefundOutcome Replay(RefundRow earlier, string fingerprint)
    {
        if (earlier.RequestFingerprint != fingerprint) return new RefundOutcome(null, RefundFailure.KeyReusedWithAnotherBody);
        if (earlier.Response is null) return new RefundOutcome(null, RefundFailure.InProgress);
        return new RefundOutcome(JsonSerializer.Deserialize(earlier.Response, PaymentsJson.Default.RefundResponse), null);
    }
}
