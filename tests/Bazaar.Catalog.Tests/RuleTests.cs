using Bazaar.Catalog.Categories;
using Bazaar.Catalog.Inventory;
using Bazaar.Catalog.Products;
using Xunit;

namespace Bazaar.Catalog.Tests;

public sealed class RuleTests
{
    [Theory]
    [InlineData(ReservationStatus.Reserved, ReservationStatus.Committed, TransitionDecision.Apply)]
    [InlineData(ReservationStatus.Reserved, ReservationStatus.Released, TransitionDecision.Apply)]
    [InlineData(ReservationStatus.Committed, ReservationStatus.Committed, TransitionDecision.AlreadyDone)]
    [InlineData(ReservationStatus.Released, ReservationStatus.Released, TransitionDecision.AlreadyDone)]
    [InlineData(ReservationStatus.Committed, ReservationStatus.Released, TransitionDecision.Refused)]
    [InlineData(ReservationStatus.Released, ReservationStatus.Committed, TransitionDecision.Refused)]
    internal void Reservations_end_once_and_one_way(ReservationStatus current, ReservationStatus target, TransitionDecision expected) =>
        Assert.Equal(expected, ReservationTransitions.Decide(current, target));

    [Fact]
    public void A_return_may_give_back_what_was_sold_less_what_came_back_already()
    {
        IReadOnlyList<ReservationLine> sold = [new("A", 3), new("B", 2)];
        IReadOnlyList<ReservationLine> returned = [new("A", 1), new("A", 1), new("B", 2)];

        Assert.Empty(ReturnRules.Exceeding([new("A", 1)], sold, returned));
        Assert.Equal(["A"], ReturnRules.Exceeding([new("A", 2)], sold, returned));
        Assert.Equal(["B", "C"], ReturnRules.Exceeding([new("C", 1), new("B", 1)], sold, returned));
        Assert.Empty(ReturnRules.Exceeding([new("A", 3), new("B", 2)], sold, []));
    }

    [Fact]
    public void Reservation_lines_merge_repeated_skus_in_sku_order()
    {
        var lines = ReservationLine.Normalise([new("B", 2), new("A", 1), new("B", 3)]);
        Assert.Equal([new ReservationLine("A", 1), new ReservationLine("B", 5)], lines);
    }

    [Theory]
    [InlineData("Plain")]
    [InlineData("Ünïcode: name with spaces")]
    [InlineData("")]
    public void A_cursor_reads_back_what_it_wrote(string name)
    {
        var cursor = new ProductCursor(ProductSort.Name, name, Guid.CreateVersion7());
        Assert.True(ProductCursor.TryDecode(cursor.Encode(), out var read));
        Assert.Equal(cursor, read);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!!")]
    [InlineData("c2hvcnQ")]
    public void A_foreign_cursor_is_refused(string text) => Assert.False(ProductCursor.TryDecode(text, out _));

    [Theory]
    [InlineData("Books", "books")]
    [InlineData("Handmade  Kids & Baby!", "handmade-kids-baby")]
    public void Slugs_are_lower_case_words_joined_by_dashes(string name, string slug) => Assert.Equal(slug, Category.Slugify(name));
}

public sealed class SearchRuleTests
{
    [Theory]
    [InlineData("Wool scarf", new[] { "wool", "scarf" })]
    [InlineData("\"wool\" OR NOT name:cotton*", new[] { "wool", "or", "not", "name", "cotton" })]
    [InlineData("  %%% ", new string[0])]
    [InlineData("Crème brûlée crème", new[] { "crème", "brûlée" })]
    public void Search_text_keeps_only_words(string text, string[] terms) => Assert.Equal(terms, SearchText.Terms(text));

    [Fact]
    public void The_fts_query_is_made_of_quoted_prefix_terms_only() =>
        Assert.Equal("name : (\"wool\"* AND \"scarf\"*)", SearchText.Match(["wool", "scarf"], "name"));

    [Theory]
    [InlineData(ProductSort.PriceAsc, "12.5")]
    [InlineData(ProductSort.Relevance, "7")]
    [InlineData(ProductSort.Newest, "2025-01-01 00:00:00.0000000+00:00")]
    internal void A_cursor_of_any_sort_reads_back_what_it_wrote(ProductSort sort, string key)
    {
        var cursor = new ProductCursor(sort, key, Guid.CreateVersion7());
        Assert.True(ProductCursor.TryDecode(cursor.Encode(), out var read));
        Assert.Equal(cursor, read);
    }

    [Theory]
    [InlineData(ProductSort.PriceAsc, "cheap")]
    [InlineData(ProductSort.Relevance, "-1")]
    [InlineData(ProductSort.Newest, "yesterday")]
    internal void A_cursor_whose_key_does_not_fit_its_sort_is_refused(ProductSort sort, string key) =>
        Assert.False(ProductCursor.TryDecode(new ProductCursor(sort, key, Guid.CreateVersion7()).Encode(), out _));
}
