using Bazaar.Platform.Money;

namespace Bazaar.Orders.Events;

// The payloads of the order events other services read (stream "orders"). A change that breaks a
// reader gets a new type version (…v2) rather than a changed v1.

public sealed record OrderPaidEvent(Guid OrderId, Guid UserId, IReadOnlyList<OrderPaidLine> Lines, Money Total, DateTimeOffset PaidAt);

public sealed record OrderPaidLine(string Sku, Guid ProductId, int Quantity, Money UnitPrice);

/// <param name="Reason">A stable code, e.g. <c>out-of-stock</c>, <c>payment-declined</c>, <c>customer-cancelled</c>.</param>
/// <param name="Refunded">What was given back to the card, when something had been captured.</param>
public sealed record OrderCancelledEvent(Guid OrderId, Guid UserId, string Reason, Money? Refunded);

/// <param name="Lines">What came back in this return.</param>
/// <param name="Refunded">What was given back to the card for it.</param>
public sealed record OrderReturnedEvent(Guid OrderId, Guid UserId, IReadOnlyList<OrderReturnedLine> Lines, Money Refunded);

public sealed record OrderReturnedLine(string Sku, int Quantity);

/// <summary>The payload of order-shipped and order-delivered.</summary>
public sealed record OrderMovedEvent(Guid OrderId, Guid UserId);
