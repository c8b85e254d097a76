using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Model.Shared;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The pure parts of sharing the lists through Redis: what changed between two snapshots,
/// and an index made from given lists.</summary>
public sealed class SharedListModelTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static CoPurchaseCounts Counts(params string[][] orders)
    {
        var counts = new CoPurchaseCounts(HalfLife);
        foreach (var order in orders) counts.Record(order, T0);
        return counts;
    }

    [Fact]
    public void The_changes_are_the_lists_an_update_recomputed_with_other_contents_and_the_lists_removed()
    {
        var counts = Counts(["A", "B"], ["A", "C"], ["E", "F"], ["G", "H"]);
        var before = NeighbourIndex.Build(counts, 50);
        counts.Record(["A", "D"], T0); // A's list and D's change; B's and C's too (n(A) moved); E's and F's do not
        var after = before.Update(counts, ["A", "D"], 50);

        var changes = ListChanges.Between(before, after);

        Assert.Equal(["A", "B", "C", "D"], changes.Lists.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(after.NeighboursOf("A"), changes.Lists["A"]);
        Assert.True(changes.PopularChanged);

        // G and H were forgotten (their lists are gone): each is named with an empty list.
        var pruned = NeighbourIndex.Build(Counts(["A", "B"], ["A", "C"], ["E", "F"]), 50);
        var removed = ListChanges.Between(before, pruned);
        Assert.Equal(["G", "H"], removed.Lists.Keys.Order(StringComparer.Ordinal));
        Assert.All(removed.Lists.Values, Assert.Empty);
    }

    [Fact]
    public void A_list_recomputed_to_the_same_contents_is_no_change()
    {
        var counts = Counts(["A", "B"], ["C", "D"]);
        var before = NeighbourIndex.Build(counts, 50);
        var recomputed = before.Update(counts, ["A", "B", "C", "D"], 50); // new list objects, same contents

        Assert.NotSame(before.NeighboursOf("A"), recomputed.NeighboursOf("A"));
        Assert.True(ListChanges.Between(before, recomputed).IsEmpty);
        Assert.True(ListChanges.Between(before, before).IsEmpty);
    }

    [Fact]
    public void An_index_made_from_given_lists_answers_as_the_one_built_from_the_counts()
    {
        var counts = Counts(["A", "B"], ["A", "B"], ["A", "C"], ["B", "C"], ["A", "D"], ["B"], ["B"]);
        var built = NeighbourIndex.Build(counts, 50);

        var copied = NeighbourIndex.Empty.With(built.Lists, built.Popular);

        Assert.Equal(built.Lists.Keys.Order(StringComparer.Ordinal), copied.Lists.Keys.Order(StringComparer.Ordinal));
        foreach (var sku in new[] { "A", "B", "C", "D", "E" }) Assert.Equal(built.NeighboursOf(sku), copied.NeighboursOf(sku));
        Assert.Equal(built.Popular, copied.Popular);
        Assert.True(copied.Knows("D"));
        Assert.False(copied.Knows("E"));
        Assert.Equal(built.Blend([("A", 1.0), ("C", 0.5)], 10), copied.Blend([("A", 1.0), ("C", 0.5)], 10));
    }

    [Fact]
    public void Applying_the_changes_to_the_old_index_gives_the_new_one()
    {
        var counts = Counts(["A", "B"], ["A", "C"], ["G", "H"]);
        var before = NeighbourIndex.Build(counts, 50);
        var after = NeighbourIndex.Build(Counts(["A", "B"], ["A", "C"], ["A", "D"], ["B", "D"]), 50); // G, H gone; D new

        var changes = ListChanges.Between(before, after);
        var mirrored = before.With(changes.Lists, after.Popular);

        Assert.Equal(after.Lists.Keys.Order(StringComparer.Ordinal), mirrored.Lists.Keys.Order(StringComparer.Ordinal));
        foreach (var sku in after.Lists.Keys) Assert.Equal(after.NeighboursOf(sku), mirrored.NeighboursOf(sku));
        Assert.Empty(mirrored.NeighboursOf("G"));
        Assert.Equal(after.Popular, mirrored.Popular);
    }

    [Fact]
    public void A_change_entry_reads_back_as_written()
    {
        var entry = new ChangeEntry(42, 3, Reset: false, ["SKU-1", "SKU,2"], [], [ListKind.Viewed]);

        var read = ChangeEntry.Read(new StackExchange.Redis.StreamEntry(entry.Id, entry.Fields()));

        Assert.Equal((42L, 3L, false), (read.Version, read.Generation, read.Reset));
        Assert.Equal(entry.Bought, read.Bought);
        Assert.Empty(read.Viewed);
        Assert.Equal([ListKind.Viewed], read.Popular);
        Assert.Equal("42-0", (string?)entry.Id);
    }
}
