using Bazaar.Platform.Money;

namespace Bazaar.Payments.Provider;

/// <summary>The card processor. Authorisation reserves the money on the card; capture takes it.
/// Every call may be repeated: the provider recognises a retry by the payment id, the
/// authorisation reference or the refund id, and answers it without moving money again.</summary>
internal interface IPaymentProvider
{
    Task<Authorisation> AuthoriseAsync(CardCharge charge, CancellationToken cancellationToken);

    /// <summary>What became of the authorisation of <paramref name="paymentId"/> (the provider is
    /// asked by the id it was given with the charge): used when our answer from it was lost.</summary>
    Task<AuthorisationLookup> FindAuthorisationAsync(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>Takes the authorised amount; returns the provider's reference of the capture (the
    /// same reference when an authorisation is captured again).</summary>
    Task<string> CaptureAsync(string authorisationReference, Money amount, CancellationToken cancellationToken);

    /// <summary>Gives back part or all of a capture; <paramref name="refundId"/> lets the provider
    /// recognise a retry. Returns the provider's reference of the refund.</summary>
    Task<string> RefundAsync(string captureReference, Guid refundId, Money amount, CancellationToken cancellationToken);
}

/// <summary>What the provider needs to authorise; the only place the full card number travels.</summary>
internal sealed record CardCharge(Guid PaymentId, Money Amount, string CardNumber, int ExpiryMonth, int ExpiryYear, string Cvc);

internal enum AuthorisationOutcome { Approved, Declined, UnknownCard }

internal sealed record Authorisation(AuthorisationOutcome Outcome, string? Reference, string? DeclineCode)
{
    public static Authorisation Approved(string reference) => new(AuthorisationOutcome.Approved, reference, null);

    public static Authorisation Declined(string declineCode) => new(AuthorisationOutcome.Declined, null, declineCode);

    public static Authorisation UnknownCard { get; } = new(AuthorisationOutcome.UnknownCard, null, null);
}

internal enum LookupResult
{
    /// <summary>The provider never received the charge (or never finished it): no money moved.</summary>
    NotFound,
    /// <summary>The provider is still deciding; ask again later.</summary>
    InProgress,
    /// <summary>The provider answered; <see cref="AuthorisationLookup.Authorisation"/> says how.</summary>
    Found,
}

internal sealed record AuthorisationLookup(LookupResult Result, Authorisation? Authorisation)
{
    public static AuthorisationLookup NotFound { get; } = new(LookupResult.NotFound, null);

    public static AuthorisationLookup InProgress { get; } = new(LookupResult.InProgress, null);

    public static AuthorisationLookup Found(Authorisation authorisation) => new(LookupResult.Found, authorisation);
}
