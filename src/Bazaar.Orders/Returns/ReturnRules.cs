using Bazaar.Orders.Domain;
using Bazaar.Platform.Money;

namespace Bazaar.Orders.Returns;

/// <summary>What may come back of an order and what it is worth.</summary>
internal static class ReturnRules
{
    /// <summary>The SKUs of <paramref name="lines"/> that are not on the order, or of which more
    /// would come back than was ordered, counting the <paramref name="earlier"/> returns.</summary>
    public static IReadOnlyList<string> Exceeding(Order order, IReadOnlyList<OrderReturn> earlier, IReadOnlyList<ReturnLine> lines)
    {
        var left = Ordered(order);
        foreach (var line in earlier.SelectMany(r => r.Lines)) left[line.Sku] = left.GetValueOrDefault(line.Sku) - line.Quantity;
        return lines.Where(line => !left.TryGetValue(line.Sku, out var units) || line.Quantity > units).Select(line => line.Sku).ToList();
    }

    /// <summary>The returned units at the order's snapshot prices, rounded once. The last cent is
    /// capped so that the returns of an order never add up to more than its total (what was captured).</summary>
    public static Money Amount(Order order, IReadOnlyList<OrderReturn> earlier, IReadOnlyList<ReturnLine> lines)
    {
        var prices = order.Lines.GroupBy(line => line.Sku, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First().UnitPrice, StringComparer.Ordinal);
        var amount = lines.Select(line => prices[line.Sku] * line.Quantity).Aggregate(Money.Zero(order.Total.Currency), (sum, next) => sum + next).Rounded();
        var left = earlier.Select(r => r.Amount).Aggregate(order.Total, (rest, refunded) => rest - refunded);
        return amount.Amount > left.Amount ? left : amount;
    }

    /// <summary>Whether every unit of the order has come back in <paramref name="returns"/>.</summary>
    public static bool EverythingReturned(Order order, IReadOnlyList<OrderReturn> returns)
    {
        var returned = returns.SelectMany(r => r.Lines).GroupBy(line => line.Sku, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity), StringComparer.Ordinal);
        return Ordered(order).All(pair => returned.GetValueOrDefault(pair.Key) >= pair.Value);
    }

    private static Dictionary<string, int> Ordered(Order order) =>
        order.Lines.GroupBy(line => line.Sku, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.Sum(line => line.Quantity), StringComparer.Ordinal);
}
