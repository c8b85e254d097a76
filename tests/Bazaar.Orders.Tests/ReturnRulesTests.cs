using Bazaar.Orders.Domain;
using Bazaar.Orders.Returns;
using Bazaar.Platform.Money;
using Xunit;

namespace Bazaar.Orders.Tests;

public sealed class ReturnRulesTests
{
    private static readonly Order Delivered = Order.Place(Guid.NewGuid(), Guid.NewGuid(),
        [new OrderLine("MUG", Guid.NewGuid(), "Mug", 2, new Money(12.50m, "USD")), new OrderLine("TEA", Guid.NewGuid(), "Tea", 3, new Money(3.335m, "USD"))],
        new ShippingAddress("Ann", "1 High St", null, "London", "N1", "GB"), DateTimeOffset.UnixEpoch);

    private static OrderReturn Returned(decimal amount, params ReturnLine[] lines) =>
        new(Guid.NewGuid(), Delivered.Id, lines, new Money(amount, "USD"), OrderReturn.Completed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Skus_not_on_the_order_or_beyond_what_is_left_exceed_it()
    {
        var earlier = new[] { Returned(12.50m, new ReturnLine("MUG", 1)) };

        Assert.Empty(ReturnRules.Exceeding(Delivered, earlier, [new ReturnLine("MUG", 1), new ReturnLine("TEA", 3)]));
        Assert.Equal(["MUG", "SOAP"], ReturnRules.Exceeding(Delivered, earlier, [new ReturnLine("MUG", 2), new ReturnLine("TEA", 3), new ReturnLine("SOAP", 1)]));
    }

    [Fact]
    public void The_amount_is_the_units_at_the_paid_prices_and_never_more_than_is_left_of_the_total()
    {
        Assert.Equal(new Money(19.17m, "USD"), ReturnRules.Amount(Delivered, [], [new ReturnLine("MUG", 1), new ReturnLine("TEA", 2)])); // 12.50 + 6.67
        // The total is 35.01 (the tea line is 10.005, rounded); returned one by one, each tea is 3.34,
        // so the last one is capped at what is left of the capture.
        var earlier = new[] { Returned(25.00m, new ReturnLine("MUG", 2)), Returned(3.34m, new ReturnLine("TEA", 1)), Returned(3.34m, new ReturnLine("TEA", 1)) };
        Assert.Equal(new Money(3.33m, "USD"), ReturnRules.Amount(Delivered, earlier, [new ReturnLine("TEA", 1)]));
    }

    [Fact]
    public void Everything_is_returned_once_every_unit_came_back()
    {
        var some = new[] { Returned(25.00m, new ReturnLine("MUG", 2)), Returned(6.67m, new ReturnLine("TEA", 2)) };
        Assert.False(ReturnRules.EverythingReturned(Delivered, some));
        Assert.True(ReturnRules.EverythingReturned(Delivered, [.. some, Returned(3.33m, new ReturnLine("TEA", 1))]));
    }
}
