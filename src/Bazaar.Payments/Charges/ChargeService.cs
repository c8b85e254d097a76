using Bazaar.Platform.Payments;
using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

internal enum ChargeRefusal { KeyReusedWithAnotherBody, InProgress, OrderAlreadyPaid, UnknownCard }

internal sealed record ChargeOutcome(PaymentResponse? Payment, ChargeRefusal? Refusal);

/// <summary>Authorises and captures a card payment once per Idempotency-Key and at most once per
/// order, appending every movement to the ledger.</summary>
internal sealed class ChargeService(PaymentRepository payments, IPaymentProvider provider, TimeProvider clock)
{
    public async Task<ChargeOutcome> ChargeAsync(string idempotencyKey, ChargeRequest request, Money amount, CardDetails card, CancellationToken cancellationToken)
    {
        var fingerprint = IdempotencyKey.Fingerprint(ChargeFingerprint.Of(request, amount, card), PaymentsJson.Default.ChargeFingerprint);
        if (await payments.FindByKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return Replay(earlier, fingerprint);
        }

        var pending = new Payment(Guid.CreateVersion7(), request.OrderId, request.UserId, amount.Amount, amount.Currency, PaymentStatus.Pending, null,
            PaymentCard.LastFour(card.Number), idempotencyKey, fingerprint, null, clock.GetUtcNow());
        if (!await payments.TryReserveAsync(pending, cancellationToken))
        {
            // Either a concurrent retry took the key first, or the order is paid (or being paid) under another key.
            return await payments.FindByKeyAsync(idempotencyKey, cancellationToken) is { } concurrent
                ? Replay(concurrent, fingerprint)
                : new ChargeOutcome(null, ChargeRefusal.OrderAlreadyPaid);
        }

        Authorisation authorisation;
        try
        {
            authorisation = await provider.AuthoriseAsync(
                new CardCharge(pending.Id, amount, card.Number, card.ExpiryMonth, card.ExpiryYear, card.Cvc), cancellationToken);
        }
        catch (Exception)
        {
            await payments.ReleaseReservationAsync(pending.Id, CancellationToken.None);
            throw;
        }

        if (authorisation.Outcome == AuthorisationOutcome.UnknownCard)
        {
            await payments.ReleaseReservationAsync(pending.Id, CancellationToken.None);
            return new ChargeOutcome(null, ChargeRefusal.UnknownCard);
        }
        // The provider has acted: finish and record it even if the caller has gone away meanwhile.
        return new ChargeOutcome(await RecordAsync(pending, amount, authorisation, CancellationToken.None), null);
    }

    private async Task<PaymentResponse> RecordAsync(Payment pending, Money amount, Authorisation authorisation, CancellationToken cancellationToken)
    {
        List<LedgerEntry> ledger;
        PaymentResponse response;
        if (authorisation.Outcome == AuthorisationOutcome.Approved)
        {
            var capture = await provider.CaptureAsync(authorisation.Reference!, amount, cancellationToken);
            ledger =
            [
                new(Guid.CreateVersion7(), pending.Id, LedgerEntry.Authorisation, amount, authorisation.Reference, clock.GetUtcNow()),
                new(Guid.CreateVersion7(), pending.Id, LedgerEntry.Capture, amount, capture, clock.GetUtcNow()),
            ];
            response = new PaymentResponse(pending.Id, pending.OrderId, PaymentStatus.Captured, null, amount, pending.CardLast4);
        }
        else
        {
            ledger = [new(Guid.CreateVersion7(), pending.Id, LedgerEntry.AuthorisationDeclined, amount, null, clock.GetUtcNow())];
            response = new PaymentResponse(pending.Id, pending.OrderId, PaymentStatus.Declined, authorisation.DeclineCode, amount, pending.CardLast4);
        }

        var json = JsonSerializer.Serialize(response, PaymentsJson.Default.PaymentResponse);
        await payments.CompleteAsync(pending.Id, response.Status, response.DeclineCode, json, ledger, cancellationToken);
        return response;
    }

    private static ChargeOutcome Replay(Payment earlier, string fingerprint)
    {
        if (earlier.RequestFingerprint != fingerprint) return new ChargeOutcome(null, ChargeRefusal.KeyReusedWithAnotherBody);
        if (earlier.Response is null) return new ChargeOutcome(null, ChargeRefusal.InProgress);
        return new ChargeOutcome(JsonSerializer.Deserialize(earlier.Response, PaymentsJson.Default.PaymentResponse), null);
    }
}
