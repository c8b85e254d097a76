using Bazaar.Recommendations.Model;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The counting and similarity code the service and the offline evaluation share.</summary>
public sealed class ModelTests
{
    private static readonly TimeSpan HalfLife = TimeSpan.FromDays(30);
    private static readonly long T0 = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();

    private static IReadOnlyList<(string, double)> Rounded(IReadOnlyList<Neighbour> neighbours) =>
        [.. neighbours.Select(n => (n.Sku, Math.Round(n.Similarity, 6)))];

    [Fact]
    public void Neighbours_are_the_cosine_of_co_purchases_so_a_best_seller_is_not_favoured()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        foreach (var order in new[] { new[] { "A", "B" }, ["A", "B"], ["A", "C"], ["B", "C"], ["A", "D"], ["B"], ["B"] }) counts.Record(order, T0);

        var index = NeighbourIndex.Build(counts, size: 50);

        // n(A)=4, n(B)=5, n(C)=2, n(D)=1; co(A,B)=2, co(A,C)=co(A,D)=co(B,C)=1.
        // A–D: 1/sqrt(4·1) = 0.5; A–B: 2/sqrt(4·5) = 0.447214; A–C: 1/sqrt(4·2) = 0.353553; B–C: 1/sqrt(5·2) = 0.316228.
        // D was bought once, always with A: it outranks B, which was bought with A twice but sells to everyone.
        Assert.Equal([("D", 0.5), ("B", 0.447214), ("C", 0.353553)], Rounded(index.NeighboursOf("A")));
        Assert.Equal([("A", 0.447214), ("C", 0.316228)], Rounded(index.NeighboursOf("B")));
        Assert.Equal([("A", 0.353553), ("B", 0.316228)], Rounded(index.NeighboursOf("C")));
        Assert.Equal([("A", 0.5)], Rounded(index.NeighboursOf("D")));
        Assert.Empty(index.NeighboursOf("E"));
        Assert.Equal(["B", "A", "C", "D"], index.Popular.Select(s => s.Sku));
        Assert.Equal([("D", 0.5)], Rounded(NeighbourIndex.Build(counts, size: 1).NeighboursOf("A")));
    }

    [Fact]
    public void A_session_viewing_products_one_by_one_counts_as_an_order_of_them_would()
    {
        var views = new CoPurchaseCounts(HalfLife);
        views.Record("A", [], T0);
        views.Record("B", ["A"], T0);
        views.Record("C", ["A", "B", "C", "B"], T0); // itself and a repeated partner count nothing more
        var orders = new CoPurchaseCounts(HalfLife);
        orders.Record(["A", "B", "C"], T0);

        Assert.Equal(orders.Items, views.Items);
        Assert.Equal(orders.Pairs, views.Pairs);
    }

    [Fact]
    public void Updating_the_lists_a_new_order_touches_gives_the_lists_a_full_build_gives()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        foreach (var order in new[] { new[] { "A", "B" }, ["A", "C"], ["B", "C"], ["C", "D"], ["E", "F"] }) counts.Record(order, T0);
        var before = NeighbourIndex.Build(counts, 50);
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        counts.Record(["A", "D"], T0 + 3 * day); // D's count moves, so C's list (where D is) must move too
        counts.Record(["B"], T0 + 5 * day);

        var updated = before.Update(counts, ["A", "D", "B"], 50);
        var rebuilt = NeighbourIndex.Build(counts, 50);

        foreach (var sku in new[] { "A", "B", "C", "D", "E", "F" }) Assert.Equal(rebuilt.NeighboursOf(sku), updated.NeighboursOf(sku));
        Assert.Equal(rebuilt.Popular, updated.Popular);
        Assert.NotEqual(before.NeighboursOf("C"), updated.NeighboursOf("C"));
        Assert.Same(before.NeighboursOf("E"), updated.NeighboursOf("E")); // untouched lists are kept, not recomputed
    }

    [Fact]
    public void A_sku_on_two_lines_of_one_order_counts_once_and_is_never_its_own_neighbour()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        counts.Record(["A", "A", "B"], T0);

        var index = NeighbourIndex.Build(counts, 50);

        Assert.Equal(1.0, counts.Items["A"].Value);
        Assert.Equal([("B", 1.0)], Rounded(index.NeighboursOf("A")));
    }

    [Fact]
    public void A_purchase_weighs_half_after_one_half_life()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(T0));
        var weight = default(DecayedWeight).Add(clock.GetUtcNow().ToUnixTimeMilliseconds(), HalfLife);
        Assert.Equal(1.0, weight.At(clock.GetUtcNow().ToUnixTimeMilliseconds(), HalfLife), 12);

        clock.Advance(HalfLife);
        Assert.Equal(0.5, weight.At(clock.GetUtcNow().ToUnixTimeMilliseconds(), HalfLife), 12);

        clock.Advance(HalfLife);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Assert.Equal(0.25, weight.At(now, HalfLife), 12);
        // A second purchase now: 0.25 + 1.
        Assert.Equal(1.25, weight.Add(now, HalfLife).At(now, HalfLife), 12);
    }

    [Fact]
    public void Purchases_counted_out_of_order_give_the_same_weight()
    {
        var day = (long)TimeSpan.FromDays(1).TotalMilliseconds;
        var inOrder = default(DecayedWeight).Add(T0, HalfLife).Add(T0 + 10 * day, HalfLife).Add(T0 + 40 * day, HalfLife);
        var shuffled = default(DecayedWeight).Add(T0 + 40 * day, HalfLife).Add(T0, HalfLife).Add(T0 + 10 * day, HalfLife);
        var at = T0 + 70 * day;

        // 2^-(70/30) + 2^-(60/30) + 2^-(30/30) = 0.198425 + 0.25 + 0.5
        Assert.Equal(0.948425, Math.Round(inOrder.At(at, HalfLife), 6));
        Assert.Equal(inOrder.At(at, HalfLife), shuffled.At(at, HalfLife), 12);
    }

    [Fact]
    public void Newer_purchases_outweigh_older_ones_in_the_similarity()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        var twoHalfLivesAgo = T0 - 2 * (long)HalfLife.TotalMilliseconds;
        counts.Record(["A", "B"], twoHalfLivesAgo);
        counts.Record(["A", "B"], twoHalfLivesAgo);
        counts.Record(["A", "C"], T0);

        // At T0: co(A,B) = 2·0.25 = 0.5, n(B) = 0.5, co(A,C) = n(C) = 1, n(A) = 1.5.
        // A–C: 1/sqrt(1.5·1) = 0.816497; A–B: 0.5/sqrt(1.5·0.5) = 0.57735. (Undecayed, B would lead: 2/sqrt(3·2).)
        Assert.Equal([("C", 0.816497), ("B", 0.57735)], Rounded(NeighbourIndex.Build(counts, 50).NeighboursOf("A")));
    }

    [Fact]
    public void A_blend_of_a_history_sums_similarities_and_leaves_out_what_was_bought()
    {
        var counts = new CoPurchaseCounts(HalfLife);
        foreach (var order in new[] { new[] { "A", "B" }, ["A", "C"], ["B", "C"], ["B", "D"] }) counts.Record(order, T0);
        var index = NeighbourIndex.Build(counts, 50);

        // n(A)=2, n(B)=3, n(C)=2, n(D)=1. For a history of A and B: C = 1/sqrt(2·2) + 1/sqrt(3·2) = 0.5 + 0.408248; D = 1/sqrt(3·1).
        var blend = index.Blend([("A", 1.0), ("B", 1.0)], 10);

        Assert.Equal([("C", 0.908248), ("D", 0.57735)], Rounded(blend));
    }
}
