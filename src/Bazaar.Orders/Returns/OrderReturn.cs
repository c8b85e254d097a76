using Bazaar.Platform.Money;

namespace Bazaar.Orders.Returns;

/// <summary>Goods of a delivered order that came back, and the refund they are owed. Requested
/// until the order's saga has refunded and restocked them, then Completed.</summary>
internal sealed record OrderReturn(
    Guid Id, Guid OrderId, IReadOnlyList<ReturnLine> Lines, Money Amount, string Status, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt)
{
    public const string Requested = "Requested";
    public const string Completed = "Completed";
}

internal sealed record ReturnLine(string Sku, int Quantity);
