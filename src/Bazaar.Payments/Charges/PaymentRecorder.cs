using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Provider;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

/// <summary>Turns the provider's answer on a Pending payment into its final state: captures an
/// approved authorisation and records the outcome with its ledger entries. Used by the charge
/// itself and by the sweeper for a payment whose answer was lost; whichever records first wins
/// and the other gets that answer.</summary>
internal sealed class PaymentRecorder(PaymentRepository payments, IPaymentProvider provider, TimeProvider clock, ILogger<PaymentRecorder> logger)
{
    /// <remarks>Call with <see cref="CancellationToken.None"/> in effect: the provider has acted,
    /// so the caller going away must not stop the capture or its record.</remarks>
    public async Task<PaymentResponse> RecordAsync(Payment pending, Authorisation authorisation)
    {
        var amount = new Money(pending.Amount, pending.Currency);
        List<LedgerEntry> ledger;
        PaymentResponse response;
        if (authorisation.Outcome == AuthorisationOutcome.Approved)
        {
            // Capturing an authorisation again is recognised by the provider: no second capture.
            var capture = await provider.CaptureAsync(authorisation.Reference!, amount, CancellationToken.None);
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
        if (await payments.CompleteAsync(pending.Id, response.Status, response.DeclineCode, json, ledger, CancellationToken.None)) return response;

        // Recorded meanwhile by the other path: answer what was recorded.
        var recorded = await payments.FindAsync(pending.Id, CancellationToken.None);
        if (recorded?.Response is { } earlier) return JsonSerializer.Deserialize(earlier, PaymentsJson.Default.PaymentResponse)!;
        logger.LogError("Payment {PaymentId} was {Status} although the provider answered {Outcome}", pending.Id, recorded?.Status, authorisation.Outcome);
        return response;
    }
}
