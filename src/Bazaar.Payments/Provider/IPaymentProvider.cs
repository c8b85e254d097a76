using Bazaar.Platform.Money;

namespace Bazaar.Payments.Provider;

/// <summary>The card processor. Authorisation reserves the money on the card; capture takes it.</summary>
internal interface IPaymentProvider
{
    Task<Authorisation> AuthoriseAsync(CardCharge charge, CancellationToken cancellationToken);

    /// <summary>Takes the authorised amount; returns the provider's reference of the capture.</summary>
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
