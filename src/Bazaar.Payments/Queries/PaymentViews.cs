using Bazaar.Platform.Money;

namespace Bazaar.Payments.Queries;

/// <summary>A payment as the order-service sees it, with what was captured and given back.</summary>
/// <param name="RefundedTotal">The sum of the completed refunds.</param>
public sealed record PaymentDetail(
    Guid PaymentId, Guid OrderId, Guid UserId, string Status, string? DeclineCode, Money Amount, Money CapturedAmount,
    Money RefundedTotal, string CardLast4, DateTimeOffset CreatedAt, IReadOnlyList<RefundView> Refunds);

/// <param name="Status"><c>Completed</c>, or <c>Pending</c> while the provider has not confirmed it.</param>
public sealed record RefundView(Guid RefundId, Money Amount, string Status, DateTimeOffset CreatedAt);

/// <summary>A payment in the owner's list: the charge answer plus what was refunded.</summary>
public sealed record PaymentSummary(Guid PaymentId, Guid OrderId, string Status, string? DeclineCode, Money Amount, string CardLast4, Money RefundedTotal);
