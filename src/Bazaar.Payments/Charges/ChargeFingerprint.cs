using Bazaar.Platform.Payments;
using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

/// <summary>What tells a true retry from a reused Idempotency-Key. The full card number and the
/// CVC stay out: a hash of a card number can be brute-forced, and it must never be stored.</summary>
internal sealed record ChargeFingerprint(Guid OrderId, Guid UserId, Money Amount, string CardLast4, int ExpiryMonth, int ExpiryYear)
{
    public static ChargeFingerprint Of(ChargeRequest request, Money amount, CardDetails card) =>
        new(request.OrderId, request.UserId, amount, PaymentCard.LastFour(card.Number), card.ExpiryMonth, card.ExpiryYear);
}
