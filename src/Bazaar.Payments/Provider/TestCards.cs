namespace Bazaar.Payments.Provider;

/// <summary>The simulated provider's test cards, like Stripe's.</summary>
internal static class TestCards
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string SucceedsSlowly = "4000000000000077";
}
