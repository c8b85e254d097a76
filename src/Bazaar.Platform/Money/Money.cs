using System.Globalization;

namespace Bazaar.Platform.Money;

/// <summary>An amount in an ISO 4217 currency. Never a double; arithmetic refuses to mix currencies.</summary>
public readonly record struct Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount, SameCurrency(left, right));

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount, SameCurrency(left, right));

    public static Money operator *(Money money, int quantity) => new(money.Amount * quantity, money.Currency);

    public Money Add(Money other) => this + other;

    public Money Subtract(Money other) => this - other;

    public Money Multiply(int quantity) => this * quantity;

    /// <summary>Rounded to the currency's minor unit (two places), half away from zero.</summary>
    public Money Rounded() => this with { Amount = Math.Round(Amount, 2, MidpointRounding.AwayFromZero) };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount:0.00} {Currency}");

    /// <summary>Whether an amount is whole cents: no part of the minor unit (two places) is left over.</summary>
    public static bool IsInMinorUnits(decimal amount) => decimal.Round(amount, 2) == amount;

    /// <summary>Three upper-case letters, as ISO 4217 codes are.</summary>
    public static bool IsCurrencyCode(string? code) => code is { Length: 3 } && code.All(char.IsAsciiLetterUpper);

    private static string SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency ? left.Currency : throw new InvalidOperationException($"Cannot combine {left.Currency} with {right.Currency}.");
}
