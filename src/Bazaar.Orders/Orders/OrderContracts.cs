using Bazaar.Platform.Money;

namespace Bazaar.Orders.Orders;

public sealed record OrderResponse(
    Guid Id, string Status, IReadOnlyList<OrderLineResponse> Lines, Money Total, AddressResponse ShippingAddress, DateTimeOffset CreatedAt,
    ShipmentResponse? Shipment, IReadOnlyList<OrderReturnResponse> Returns);

public sealed record OrderLineResponse(string Sku, string Name, int Quantity, Money UnitPrice, Money LineTotal);

public sealed record AddressResponse(string Name, string Line1, string? Line2, string City, string PostalCode, string Country);

public sealed record ShipmentResponse(string Carrier, string TrackingNumber, string Status, IReadOnlyList<ShipmentEventResponse> Events);

public sealed record ShipmentEventResponse(string Status, DateTimeOffset At, string? Note);

/// <summary>Goods that came back after delivery and their refund: <c>Requested</c>, then <c>Completed</c> once refunded and restocked.</summary>
public sealed record OrderReturnResponse(Guid Id, IReadOnlyList<ReturnLineResponse> Lines, Money Amount, string Status, DateTimeOffset CreatedAt);

public sealed record ReturnLineResponse(string Sku, int Quantity);

public sealed record OrderSummaryResponse(Guid Id, string Status, Money Total, int ItemCount, DateTimeOffset CreatedAt);

/// <summary>A page of orders, newest first; <see cref="Next"/> is the cursor of the following page.</summary>
public sealed record OrderPageResponse(IReadOnlyList<OrderSummaryResponse> Items, string? Next);

/// <summary>An order in the admins' list: whose it is and when it last changed.</summary>
public sealed record AdminOrderSummaryResponse(Guid Id, Guid UserId, string Status, Money Total, int ItemCount, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A page of every user's orders, newest first; <see cref="Next"/> is the cursor of the following page.</summary>
public sealed record AdminOrderPageResponse(IReadOnlyList<AdminOrderSummaryResponse> Items, string? Next);
