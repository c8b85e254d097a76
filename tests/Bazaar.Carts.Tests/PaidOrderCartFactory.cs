namespace Bazaar.Carts.Tests;

/// <summary>cart-service whose <c>orders</c> consumer polls often and gives up on a failing event
/// after a few quick attempts, so tests of the event path do not wait on production back-off.</summary>
public sealed class PaidOrderCartFactory : CartFactory
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. base.Settings(),
        new("Messaging:Consumers:cart-service:PollInterval", "00:00:00.020"),
        new("Messaging:Consumers:cart-service:RetryInitial", "00:00:00.010"),
        new("Messaging:Consumers:cart-service:MaxAttempts", "3"),
    ];
}
