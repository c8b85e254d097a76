using System.Globalization;
using Bazaar.Recommendations.Evaluation;
using Bazaar.Recommendations.Model;
using Xunit;

namespace Bazaar.Recommendations.Tests;

/// <summary>The offline evaluation command (<c>evaluate</c>): it runs, prints its table, and item-to-item
/// finds the planted pairs that overall popularity cannot.</summary>
public sealed class EvaluationTests
{
    private static IReadOnlyDictionary<string, double> HitRates(string table) =>
        table.Split('\n').Where(line => line.StartsWith("| ", StringComparison.Ordinal) && !line.StartsWith("| strategy", StringComparison.Ordinal))
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .ToDictionary(cells => cells[1], cells => double.Parse(cells[2], CultureInfo.InvariantCulture));

    [Fact]
    public void Item_to_item_beats_popularity_on_planted_data()
    {
        using var output = new StringWriter();

        var exit = OfflineEvaluation.Run(["--seed", "3", "--users", "400"], output);

        Assert.Equal(0, exit);
        var hitRates = HitRates(output.ToString());
        Assert.Equal(5, hitRates.Count);
        Assert.True(hitRates["item-to-item (the for-you blend)"] >= 2 * hitRates["popular overall (baseline)"], output.ToString());
        Assert.True(hitRates["item-to-item (the for-you blend)"] > hitRates["popular in the category of the latest purchase (baseline)"], output.ToString());
    }

    [Fact]
    public void The_same_seed_gives_the_same_table()
    {
        using var first = new StringWriter();
        using var second = new StringWriter();

        OfflineEvaluation.Run(["--seed", "5", "--users", "100"], first);
        OfflineEvaluation.Run(["--seed", "5", "--users", "100"], second);

        Assert.Equal(first.ToString(), second.ToString());
    }

    [Theory]
    [InlineData("--users", "0")]
    [InlineData("--users", "many")]
    [InlineData("--seed")]
    public void Bad_arguments_print_the_usage_and_fail(params string[] args)
    {
        using var output = new StringWriter();

        Assert.Equal(2, OfflineEvaluation.Run(args, output));
        Assert.StartsWith("usage:", output.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>The evaluation's method on a hand-made shop: the whole last order is held out, and the
/// category baseline looks at the latest purchase before it.</summary>
public sealed class EvaluationMethodTests
{
    private static GeneratedOrder Order(long at, params string[] skus) => new(skus, at);

    [Fact]
    public void The_whole_last_order_is_held_out_and_any_of_its_new_products_is_a_hit()
    {
        // Others bought X with A three times (then X again: nothing new, so they are left out);
        // the user bought X, then A and B (held out): from X alone, A is the neighbour to find.
        List<IReadOnlyList<GeneratedOrder>> histories =
        [
            .. Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<GeneratedOrder>)[Order(1, "C01-P00", "C02-P00"), Order(2, "C01-P00")]),
            [Order(1, "C01-P00"), Order(3, "C02-P00", "C03-P00")],
        ];

        var measured = OfflineEvaluation.Measure(histories, alpha: 0);

        Assert.Equal((1, 2, 3), (measured.Cases, measured.NewProducts, measured.NothingNew));
        // Every strategy but the prior alone puts A first and never B (never bought): hit, DCG 1, ideal DCG 1 + 1/log2(3).
        var ndcg = 1 / (1 + 1 / Math.Log2(3));
        var prior = measured.Rows.Single(row => row.Name.StartsWith("popular in the user's categories", StringComparison.Ordinal));
        Assert.All(measured.Rows.Where(row => row != prior), row => Assert.Equal((1.0, Math.Round(ndcg, 6)), (row.HitRate, Math.Round(row.Ndcg, 6))));
        // The prior proposes only the user's own category (C01), where nothing is new to them.
        Assert.Equal((0.0, 0.0), (prior.HitRate, prior.Ndcg));
        Assert.Equal(5, measured.Rows.Count);
    }

    [Fact]
    public void The_category_baseline_takes_the_latest_purchase_from_the_history_not_the_held_out_order()
    {
        // Others (left out: their last orders hold nothing new) make C01-P01 the best seller (5), then C02-P02 (3).
        // The user bought C02-P00, then (held out) C01-P01.
        List<IReadOnlyList<GeneratedOrder>> histories =
        [
            .. Enumerable.Range(0, 3).Select(_ => (IReadOnlyList<GeneratedOrder>)[Order(1, "C01-P01", "C02-P02"), Order(2, "C01-P01")]),
            .. Enumerable.Range(0, 2).Select(_ => (IReadOnlyList<GeneratedOrder>)[Order(1, "C01-P01"), Order(2, "C01-P01")]),
            [Order(1, "C02-P00"), Order(3, "C01-P01")],
        ];

        var measured = OfflineEvaluation.Measure(histories, alpha: 0);

        // The latest purchase before the held-out order is in category 02: C02-P02 first, C01-P01 second, 1/log2(3).
        // Peeking at the held-out order's category would put C01-P01 first (NDCG 1).
        var category = measured.Rows.Single(r => r.Name.StartsWith("popular in the category", StringComparison.Ordinal));
        Assert.Equal((1.0, Math.Round(1 / Math.Log2(3), 6)), (category.HitRate, Math.Round(category.Ndcg, 6)));
    }

    [Fact]
    public void The_hybrid_adds_the_share_of_the_users_category_times_the_products_place_in_it_to_the_blend()
    {
        var categories = new Dictionary<string, string> { ["A"] = "c1", ["X"] = "c1", ["Y"] = "c1", ["B"] = "c2", ["Z"] = "c2", ["W"] = "c3", ["Q"] = "c3" };
        (string, double)[] history = [("A", 3), ("B", 1)]; // three quarters c1, one quarter c2
        Seller[] popular = [new("W", 20), new("A", 12), new("X", 10), new("Z", 8), new("Y", 5)];
        Neighbour[] blended = [new("Z", 0.6), new("Q", 0.3)];

        var ranked = CategoryPrior.Rank(blended, history, popular, sku => categories.GetValueOrDefault(sku), alpha: 0.5, limit: 10);

        // Z: 0.5·0.6/0.6 + 0.5·0.25·8/8 = 0.625; X: 0.5·0.75·10/12 = 0.3125 (A, bought, is c1's best seller);
        // Q: 0.5·0.3/0.6 = 0.25 (no prior: c3 is not the user's); Y: 0.5·0.75·5/12 = 0.15625; W (c3) and A (bought) never.
        Assert.Equal([("Z", 0.625), ("X", 0.3125), ("Q", 0.25), ("Y", 0.15625)], ranked.Select(n => (n.Sku, Math.Round(n.Similarity, 6))));
        Assert.Equal(["Z", "Q"], CategoryPrior.Rank(blended, history, popular, sku => categories.GetValueOrDefault(sku), alpha: 0, limit: 10).Select(n => n.Sku));
    }

    [Fact]
    public void The_hybrid_weight_is_chosen_without_looking_at_the_test_orders()
    {
        var histories = PlantedShop.Generate(11, 300);
        // Every user's last order (the test) replaced by one of a category they never buy from.
        var scrambled = histories.Select(orders => (IReadOnlyList<GeneratedOrder>)[.. orders.Take(orders.Count - 1), new GeneratedOrder(["C99-P00"], orders[^1].PaidAt)]).ToList();

        Assert.Equal(OfflineEvaluation.ChooseAlpha(histories), OfflineEvaluation.ChooseAlpha(scrambled));
        Assert.Contains(OfflineEvaluation.ChooseAlpha(histories), OfflineEvaluation.Alphas);
    }
}
