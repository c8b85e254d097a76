namespace Bazaar.Orders.Checkout;

/// <summary>The card checks that need no provider (Luhn checksum, expiry), made before any stock is
/// reserved so that a typo costs nothing.</summary>
internal static class CardChecks
{
    public static (string Field, string Message)? Violation(CardInput card, DateTimeOffset now)
    {
        if (!PassesLuhn(card.Number)) return ("Card.Number", "The card number is not valid.");
        if (card.ExpiryYear < now.Year || (card.ExpiryYear == now.Year && card.ExpiryMonth < now.Month)) return ("Card.ExpiryYear", "The card has expired.");
        return null;
    }

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            sum += digit;
        }
        return sum % 10 == 0;
    }
}
