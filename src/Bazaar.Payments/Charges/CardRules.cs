namespace Bazaar.Payments.Charges;

/// <summary>Checks a card before it reaches the provider: the Luhn checksum and the expiry.</summary>
internal static class CardRules
{
    public static bool PassesLuhn(string digits)
    {
        var sum = 0;
        var doubleIt = false;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var digit = digits[i] - '0';
            if (doubleIt)
            {
                digit *= 2;
                if (digit > 9) digit -= 9;
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /// <summary>A card is good through the last day of its expiry month.</summary>
    public static bool HasExpired(int expiryMonth, int expiryYear, DateTimeOffset now) =>
        expiryYear < now.Year || (expiryYear == now.Year && expiryMonth < now.Month);

    /// <summary>The field and message of the first rule the card breaks, or null.</summary>
    public static (string Field, string Message)? Violation(CardDetails card, DateTimeOffset now)
    {
        if (!PassesLuhn(card.Number)) return ("Card.Number", "The card number is not valid.");
        if (HasExpired(card.ExpiryMonth, card.ExpiryYear, now)) return ("Card.ExpiryYear", "The card has expired.");
        return null;
    }

    public static string LastFour(string number) => number[^4..];
}
