using Bazaar.Platform.Money;

namespace Bazaar.Payments.Charges;

/// <summary>What makes an amount of money acceptable in a request.</summary>
internal static class AmountRules
{
    public static string? Violation(Money? given) =>
        given is not { } amount ? "The amount is required."
        : !Money.IsCurrencyCode(amount.Currency) ? "The currency must be an ISO 4217 code such as USD."
        : amount.Amount <= 0 ? "The amount must be positive."
        : !Money.IsInMinorUnits(amount.Amount) ? "The amount has at most two decimal places."
        : null;
}
