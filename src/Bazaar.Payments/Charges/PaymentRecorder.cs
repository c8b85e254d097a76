using System.Text.Json;
using Bazaar.Payments.Ledger;
using Bazaar.Payments.Provider;
using Bazaar.Payments.Refunds;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

/// <summary>Turns the provider's answer on a claimed payment into its final state: captures an
/// approved authorisation and records the outcome with its ledger entries. Used by the charge
/// itself and by the sweeper for a payment whose answer was lost; whichever records first wins
/// and the other gets that answer.</summary>
internal sealed class PaymentRecorder(PaymentCompletion completion, RefundService refunds, IPaymentProvider provider, TimeProvider clock, ILogger<PaymentRecorder> logger)
{
    /// <summary>Returns the answer recorded for the payment, or null when the caller cannot be given
    /// one: the capture did not answer (the payment stays Pending for the sweeper), or the answer
    /// landed after the sweeper abandoned the payment and the order had moved on (a capture is
    /// refunded at once). Then the caller looks the order's payment up again.</summary>
    /// <param name="providerDeadline">Bounds the capture call. Once the provider has answered, the
    /// record itself is written whatever happens to the caller.</param>
    public async Task<PaymentResponse?> RecordAsync(Payment pending, Authorisation authorisation, CancellationToken providerDeadline)
    {
        var amount = new Money(pending.Amount, pending.Currency);
        List<LedgerEntry> ledger;
        PaymentResponse response;
        if (authorisation.Outcome == AuthorisationOutcome.Approved)
        {
            string capture;
            try
            {
                // Capturing an authorisation again is recognised by the provider: no second capture.
                capture = await provider.CaptureAsync(authorisation.Reference!, amount, providerDeadline);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "The provider did not answer the capture of payment {PaymentId}; it stays pending", pending.Id);
                return null;
            }
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

        var completed = await completion.CompleteAsync(pending, response, ledger, CancellationToken.None);
        switch (completed.Kind)
        {
            case CompletionKind.Recorded:
                return response;
            case CompletionKind.RecordedEarlier when completed.EarlierResponse is { } earlier:
                return JsonSerializer.Deserialize(earlier, PaymentsJson.Default.PaymentResponse);
            case CompletionKind.Reversed:
                // Given back now; if the provider does not confirm, the sweeper sends it again.
                await refunds.SendAsync(completed.Reversal!);
                return null;
            default:
                return null;
        }
    }
}
