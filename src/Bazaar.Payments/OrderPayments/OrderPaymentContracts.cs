using Bazaar.Platform.Money;

namespace Bazaar.Payments.OrderPayments;

/// <summary>The answer to closing an order for payment.</summary>
/// <param name="State"><c>Closed</c> (nothing was captured) or <c>Refunded</c> (the capture was given back in full).</param>
/// <param name="Refunded">Everything refunded on the order's captured payment; null when nothing was captured.</param>
public sealed record OrderClosedResponse(Guid OrderId, string State, Money? Refunded);

/// <summary>An order's payment as the order-service's saga needs it to reconcile.</summary>
/// <param name="State"><c>None</c>, <c>Pending</c>, <c>Captured</c>, <c>Declined</c>, <c>Closed</c> or <c>Refunded</c>.</param>
/// <param name="PaymentId">The captured payment if any, else the newest one (abandoned and reversed payments net to nothing and are not shown).</param>
/// <param name="Captured">What the captured payment took; null without one.</param>
/// <param name="Refunded">What the provider confirmed given back on the captured payment; null without one.</param>
/// <param name="DeclineCode">Why the newest payment was declined, in state <c>Declined</c>.</param>
public sealed record OrderPaymentStatus(Guid OrderId, string State, Guid? PaymentId, Money? Captured, Money? Refunded, string? DeclineCode);

internal static class OrderPaymentState
{
    public const string None = "None";
    public const string Pending = "Pending";
    public const string Captured = "Captured";
    public const string Declined = "Declined";
    public const string Closed = "Closed";
    public const string Refunded = "Refunded";
}
