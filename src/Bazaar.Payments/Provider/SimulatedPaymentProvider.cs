using Bazaar.Platform.Money;
using Microsoft.Extensions.Options;

namespace Bazaar.Payments.Provider;

/// <summary>A provider that answers by test card number, with no network behind it.</summary>
internal sealed class SimulatedPaymentProvider(IOptions<SimulatedProviderOptions> options, TimeProvider clock) : IPaymentProvider
{
    public async Task<Authorisation> AuthoriseAsync(CardCharge charge, CancellationToken cancellationToken)
    {
        switch (charge.CardNumber)
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

    public Task<string> CaptureAsync(string authorisationReference, Money amount, CancellationToken cancellationToken) =>
        Task.FromResult(Reference("capt"));

    public Task<string> RefundAsync(string captureReference, Guid refundId, Money amount, CancellationToken cancellationToken) =>
        Task.FromResult($"sim_refund_{refundId:N}");

    private static string Reference(string prefix) => $"sim_{prefix}_{Guid.CreateVersion7():N}";
}
