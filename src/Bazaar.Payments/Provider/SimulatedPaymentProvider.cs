using System.Collections.Concurrent;
using Bazaar.Platform.Money;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Provider;

/// <summary>A provider that answers by test card number, with no network behind it. It lives in
/// this process and remembers only what this process asked of it: after a restart it has never
/// heard of an earlier payment, which is the truth (an authorisation it never finished recording
/// never moved money).</summary>
internal sealed class SimulatedPaymentProvider(IOptions<SimulatedProviderOptions> options, TimeProvider clock) : IPaymentProvider
{
    // Payment id -> its answer (null while it is being decided). Like a real provider's
    // idempotency: authorising a payment id again answers what was answered the first time.
    private readonly ConcurrentDictionary<Guid, Authorisation?> _authorisations = new();
    private readonly ConcurrentDictionary<string, string> _captures = new(StringComparer.Ordinal);

    public async Task<Authorisation> AuthoriseAsync(CardCharge charge, CancellationToken cancellationToken)
    {
        if (_authorisations.TryGetValue(charge.PaymentId, out var earlier) && earlier is not null) return earlier;
        _authorisations[charge.PaymentId] = null;
        try
        {
            var authorisation = await DecideAsync(charge.CardNumber, cancellationToken);
            _authorisations[charge.PaymentId] = authorisation;
            return authorisation;
        }
        catch (OperationCanceledException)
        {
            // Stopped before deciding: as far as the card is concerned, nothing happened.
            _authorisations.TryRemove(charge.PaymentId, out _);
            throw;
        }
    }

    public Task<AuthorisationLookup> FindAuthorisationAsync(Guid paymentId, CancellationToken cancellationToken) =>
        Task.FromResult(_authorisations.TryGetValue(paymentId, out var authorisation)
            ? authorisation is null ? AuthorisationLookup.InProgress : AuthorisationLookup.Found(authorisation)
            : AuthorisationLookup.NotFound);

    public Task<string> CaptureAsync(string authorisationReference, Money amount, CancellationToken cancellationToken) =>
        Task.FromResult(_captures.GetOrAdd(authorisationReference, _ => Reference("capt")));

    /// <summary>Idempotent by refund id: the reference is derived from it, so a resent refund is
    /// recognised and answered with the reference of the first.</summary>
    public Task<string> RefundAsync(string captureReference, Guid refundId, Money amount, CancellationToken cancellationToken) =>
        Task.FromResult($"sim_refund_{refundId:N}");

    private async Task<Authorisation> DecideAsync(string cardNumber, CancellationToken cancellationToken)
    {
        switch (cardNumber)
        {
            case TestCards.Succeeds:
                return Authorisation.Approved(Reference("auth"));
            case TestCards.Declined:
                return Authorisation.Declined("card_declined");
            case TestCards.InsufficientFunds:
                return Authorisation.Declined("insufficient_funds");
            case TestCards.SucceedsSlowly:
                // A slow issuer: the caller's cancellation (client gone, timeout) stops the wait.
                await Task.Delay(options.Value.SlowCardDelay, clock, cancellationToken);
                return Authorisation.Approved(Reference("auth"));
            default:
                return Authorisation.UnknownCard;
        }
    }

    private static string Reference(string prefix) => $"sim_{prefix}_{Guid.CreateVersion7():N}";
}
