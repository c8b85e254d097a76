using Bazaar.Platform.Money;

namespace Bazaar.Payments.Ledger;

/// <summary>One movement of money on a payment. Entries are only ever appended.</summary>
internal sealed record LedgerEntry(Guid Id, Guid PaymentId, string Kind, Money Amount, string? ProviderReference, DateTimeOffset At)
{
    public const string Authorisation = "authorisation";
    public const string AuthorisationDeclined = "authorisation-declined";
    public const string Capture = "capture";
    public const string Refund = "refund";
}
