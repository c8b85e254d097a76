using Bazaar.Platform.Idempotency;

namespace Bazaar.Orders.Checkout;

/// <summary>What tells a retried checkout from a reused Idempotency-Key. The full card number and
/// CVC stay out: the fingerprint is stored, and a hash of a card number can be brute-forced.</summary>
internal sealed record CheckoutFingerprint(AddressInput ShippingAddress, string CardLast4, int ExpiryMonth, int ExpiryYear)
{
    public static string Of(CardInput card, AddressInput address) => IdempotencyKey.Fingerprint(
        new CheckoutFingerprint(address, card.Number[^4..], card.ExpiryMonth, card.ExpiryYear), OrdersJson.Default.CheckoutFingerprint);
}
