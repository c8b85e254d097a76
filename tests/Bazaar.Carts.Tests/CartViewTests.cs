using Bazaar.Carts.Cart;
using Bazaar.Carts.ProductCatalog;
using Bazaar.Platform.Money;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class CartViewTests
{
    private static CatalogProduct Product(string sku, decimal price, int available, bool active = true) =>
        new(sku, "Name of " + sku, new Money(price, "EUR"), available, active);

    [Theory]
    [InlineData(5, true, 5, "ok")]
    [InlineData(4, true, 5, "short")]
    [InlineData(0, true, 5, "unavailable")]
    [InlineData(-2, true, 1, "unavailable")]
    [InlineData(9, false, 1, "unavailable")]
    public void A_line_is_ok_short_or_unavailable(int available, bool active, int quantity, string status)
    {
        var cart = CartView.Build([new CartItem("A", quantity)], new Dictionary<string, CatalogProduct> { ["A"] = Product("A", 1m, available, active) }, "USD");
        Assert.Equal(status, Assert.Single(cart.Lines).Status);
    }

    [Fact]
    public void The_total_adds_the_lines_that_can_be_bought_in_the_catalogs_currency()
    {
        var catalog = new Dictionary<string, CatalogProduct>
        {
            ["A"] = Product("A", 0.10m, 10),
            ["B"] = Product("B", 19.99m, 1),
            ["C"] = Product("C", 5m, 0),
        };

        var cart = CartView.Build([new CartItem("A", 3), new CartItem("B", 2), new CartItem("C", 1), new CartItem("D", 1)], catalog, "USD");

        Assert.Equal(new Money(40.28m, "EUR"), cart.Total);
        Assert.Equal(7, cart.ItemCount);
        Assert.Null(cart.Lines.Single(line => line.Sku == "D").Name);
        Assert.False(cart.Degraded);
    }

    [Fact]
    public void Without_the_catalog_the_stored_lines_come_back_unpriced()
    {
        var cart = CartView.Build([new CartItem("A", 3)], null, "USD");

        Assert.True(cart.Degraded);
        Assert.Equal(new CartLineResponse("A", 3, null, null, null, null, "unknown"), Assert.Single(cart.Lines));
        Assert.Equal(Money.Zero("USD"), cart.Total);
    }
}
