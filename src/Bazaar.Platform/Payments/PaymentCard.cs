namespace Bazaar.Platform.Payments;

/// <summary>The card checks that need no provider, shared by order-service (so a typo is refused
/// before any stock is reserved) and payment-service (which never trusts its caller).</summary>
public static class PaymentCard
{
    /// <summary>The Luhn checksum of a string of digits.</summary>
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
    public static (string Field, string Message)? Violation(string number, int expiryMonth, int expiryYear, DateTimeOffset now)
    {
        if (!PassesLuhn(number)) return ("Card.Number", "The card number is not valid.");
        if (HasExpired(expiryMonth, expiryYear, now)) return ("Card.ExpiryYear", "The card has expired.");
        return null;
    }

    /// <summary>The only part of a card number that may be stored or shown.</summary>
    public static string LastFour(string number) => number[^4..];
}
