using Bazaar.Platform.Payments;
using System.Text.Json;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Idempotency;
using Bazaar.Platform.Money;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Charges;

internal enum ChargeRefusal { KeyReusedWithAnotherBody, InProgress, InvalidCard, OrderAlreadyPaid, OrderClosed, UnknownCard, OutcomeUnknown }

/// <param name="CardViolation">The field and message of the card rule broken, with <see cref="ChargeRefusal.InvalidCard"/>.</param>
internal sealed record ChargeOutcome(PaymentResponse? Payment, ChargeRefusal? Refusal, (string Field, string Message)? CardViolation = null);

/// <summary>Authorises and captures a card payment once per Idempotency-Key and at most once per
/// order, never for a closed order, appending every movement to the ledger.</summary>
internal sealed class ChargeService(
    PaymentRepository payments, PaymentRecorder recorder, IPaymentProvider provider, IOptions<ProviderCallOptions> options, TimeProvider clock, ILogger<ChargeService> logger)
{
    public async Task<ChargeOutcome> ChargeAsync(string idempotencyKey, ChargeRequest request, Money amount, CardDetails card, CancellationToken cancellationToken)
    {
        var fingerprint = IdempotencyKey.Fingerprint(ChargeFingerprint.Of(request, amount, card), PaymentsJson.Default.ChargeFingerprint);
        // A retry is answered before the card is checked: the card was good when the charge was
        // accepted and may have expired since (a month ended); refusing the retry would read as a
        // decline of a payment that went through.
        if (await payments.FindByKeyAsync(idempotencyKey, cancellationToken) is { } earlier)
        {
            return Replay(earlier, fingerprint);
        }
        if (PaymentCard.Violation(card.Number, card.ExpiryMonth, card.ExpiryYear, clock.GetUtcNow()) is { } violation)
        {
            return new ChargeOutcome(null, ChargeRefusal.InvalidCard, violation);
        }

        var (reserved, pending) = await payments.TryReserveAsync(new Payment(Guid.CreateVersion7(), request.OrderId, request.UserId, amount.Amount, amount.Currency,
            PaymentStatus.Pending, null, PaymentCard.LastFour(card.Number), idempotencyKey, fingerprint, null, clock.GetUtcNow()), cancellationToken);
        switch (reserved)
        {
            case ReserveResult.OrderClosed:
                return new ChargeOutcome(null, ChargeRefusal.OrderClosed);
            case ReserveResult.Taken:
                // Either a concurrent retry took the key first, or the order is paid (or being paid) under another key.
                return await payments.FindByKeyAsync(idempotencyKey, cancellationToken) is { } concurrent
                    ? Replay(concurrent, fingerprint)
                    : new ChargeOutcome(null, ChargeRefusal.OrderAlreadyPaid);
        }

        // Claimed: from here on the caller going away must not cut the provider off mid-answer; only
        // the deadline does, so the payment is Pending no longer than the sweeper's PendingAfter allows for.
        using var deadline = new CancellationTokenSource(options.Value.Timeout, clock);
        Authorisation authorisation;
        try
        {
            authorisation = await provider.AuthoriseAsync(
                new CardCharge(pending.Id, amount, card.Number, card.ExpiryMonth, card.ExpiryYear, card.Cvc), deadline.Token);
        }
        catch (Exception exception)
        {
            // No answer is not "no": the provider may have authorised. The payment stays Pending
            // (it keeps the order) until the sweeper asks the provider what became of it.
            logger.LogWarning(exception, "The provider did not answer the authorisation of payment {PaymentId}", pending.Id);
            return new ChargeOutcome(null, ChargeRefusal.OutcomeUnknown);
        }

        if (authorisation.Outcome == AuthorisationOutcome.UnknownCard)
        {
            await payments.ReleaseReservationAsync(pending.Id, CancellationToken.None);
            return new ChargeOutcome(null, ChargeRefusal.UnknownCard);
        }
        return await recorder.RecordAsync(pending, authorisation, deadline.Token) is { } recorded
            ? new ChargeOutcome(recorded, null)
            : new ChargeOutcome(null, ChargeRefusal.OutcomeUnknown);
    }

    private static ChargeOutcome Replay(Payment earlier, string fingerprint)
    {
        if (earlier.RequestFingerprint != fingerprint) return new ChargeOutcome(null, ChargeRefusal.KeyReusedWithAnotherBody);
        if (earlier.Response is null) return new ChargeOutcome(null, ChargeRefusal.InProgress);
        return new ChargeOutcome(JsonSerializer.Deserialize(earlier.Response, PaymentsJson.Default.PaymentResponse), null);
    }
}
