using Bazaar.Platform.Money;

namespace Bazaar.Orders.Downstream;

// The parts of other services' contracts the checkout reads and writes; fields it does not need are ignored.

public sealed record CartView(IReadOnlyList<CartLineView> Lines);

public sealed record CartLineView(string Sku, int Quantity);

public sealed record QuoteRequest(IReadOnlyList<string> Skus);

public sealed record QuoteResponse(IReadOnlyList<ProductQuote> Items);

public sealed record ProductQuote(string Sku, Guid ProductId, string Name, Guid CategoryId, Money UnitPrice, int Available, bool Active);

public sealed record ReservationRequest(Guid ReservationId, IReadOnlyList<ReservationLine> Lines, int ExpiresInSeconds);

public sealed record StockReturnRequest(Guid ReturnId, Guid ReservationId, IReadOnlyList<ReservationLine> Lines);

/// <summary>product-service's answer to a reservation: its current status (a retry of a
/// reservation that has since been committed or released says so).</summary>
public sealed record ReservationReply(Guid ReservationId, string Status);

public sealed record ReservationLine(string Sku, int Quantity);

public sealed record PaymentRequest(Guid OrderId, Guid UserId, Money Amount, PaymentCard Card);

public sealed record PaymentCard(string Number, int ExpiryMonth, int ExpiryYear, string Cvc);

public sealed record PaymentReply(Guid PaymentId, Guid OrderId, string Status, string? DeclineCode);

/// <summary>payment-service's view of an order's payment: None, Pending, Captured, Declined,
/// Closed or Refunded.</summary>
public sealed record OrderPaymentReply(Guid OrderId, string State, Guid? PaymentId, string? DeclineCode);

/// <summary>payment-service's answer to closing an order: Closed (nothing was captured) or
/// Refunded (the capture was given back).</summary>
public sealed record PaymentClosureReply(Guid OrderId, string State, Money? Refunded);

/// <summary>A refund of part of a payment (goods returned after delivery).</summary>
public sealed record PaymentRefundRequest(Money Amount);

/// <summary>The problem details another service answered with; only the fields the checkout uses.</summary>
public sealed record DownstreamProblem(string? Type, string? Detail);
