using Bazaar.Carts.Cart;
using Xunit;

namespace Bazaar.Carts.Tests;

public sealed class CartMergeTests
{
    [Fact]
    public void Same_skus_add_up_to_at_most_99_and_take_no_new_line()
    {
        var plan = CartMerge.Plan([new("A", 60), new("B", 1)], [new("A", 50), new("B", 2)], maxLines: 2);

        Assert.Equal([new CartItem("A", 99), new CartItem("B", 3)], plan.Writes);
        Assert.Empty(plan.NotMerged);
    }

    [Fact]
    public void New_skus_join_in_sku_order_while_there_is_room_and_the_rest_is_reported()
    {
        var plan = CartMerge.Plan([new("A", 1)], [new("D", 1), new("B", 2), new("C", 3)], maxLines: 2);

        Assert.Equal([new CartItem("B", 2)], plan.Writes);
        Assert.Equal(["C", "D"], plan.NotMerged);
    }

    [Fact]
    public void An_empty_source_changes_nothing()
    {
        var plan = CartMerge.Plan([new("A", 1)], [], maxLines: 1);

        Assert.Empty(plan.Writes);
        Assert.Empty(plan.NotMerged);
    }
}
