using System.Globalization;
using Bazaar.Recommendations.Model;

namespace Bazaar.Recommendations.Evaluation;

/// <summary><c>dotnet run --project src/Bazaar.Recommendations -- evaluate [--seed N] [--users N]</c>:
/// generates histories with planted structure (<see cref="PlantedShop"/>), holds out each user's whole
/// last order, trains on every earlier order with the service's own counting and similarity code
/// (<see cref="CoPurchaseCounts"/>, <see cref="NeighbourIndex"/>), recommends 10 products per user
/// from their earlier orders only, as "for you" does (<see cref="RecentPurchases"/>,
/// <see cref="NeighbourIndex.Blend"/>), and prints hit-rate@10 (any product of the held-out order
/// among the 10) and NDCG@10 (binary relevance, every new product of the held-out order relevant,
/// normalised by the ideal ranking) per strategy.</summary>
internal static class OfflineEvaluation
{
    private const int K = 10;
    private const int BlendCandidates = 50; // as many as "for you" considers
    private static readonly TimeSpan HalfLife = new RecommendationOptions().HalfLife;

    public static int Run(string[] args, TextWriter output)
    {
        if (!TryRead(args, "--seed", 42, out var seed) || !TryRead(args, "--users", 2000, out var users) || users < 1)
        {
            output.WriteLine("usage: evaluate [--seed N] [--users N (1 or more)]");
            return 2;
        }

        var histories = PlantedShop.Generate(seed, users);
        var alpha = ChooseAlpha(histories);
        var measured = Measure(histories, alpha);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}, {users} users, {histories.Sum(h => h.Count)} orders, {PlantedShop.Categories * PlantedShop.PerCategory} products, {measured.Cases} held-out orders ({measured.NewProducts} new products; {measured.NothingNew} users whose last order had nothing new are left out)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"hybrid weight α = {alpha:0.0}, chosen on the validation split (each user's last order removed, the one before it held out)"));
        output.WriteLine();
        output.WriteLine("| strategy | hit-rate@10 | NDCG@10 |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, hitRate, ndcg) in measured.Rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {hitRate:0.000} | {ndcg:0.000} |"));
        }
        return 0;
    }

    /// <summary>The weights of the category prior tried, from none (the blend alone) to all.</summary>
    internal static readonly double[] Alphas = [.. Enumerable.Range(0, 11).Select(i => i / 10.0)];

    /// <summary>The hybrid's weight α (<see cref="CategoryPrior"/>) with the best NDCG@10 on the
    /// validation split: every user's last order (the test) is removed, and the order before it held
    /// out, so the test orders never shape the choice. The smallest α wins a tie.</summary>
    internal static double ChooseAlpha(IReadOnlyList<IReadOnlyList<GeneratedOrder>> histories)
    {
        var validation = histories.Select(orders => (IReadOnlyList<GeneratedOrder>)[.. orders.Take(orders.Count - 1)]).ToList();
        return Alphas.Select(alpha => (alpha, Measure(validation, alpha).Rows.Single(r => r.Name == Hybrid).Ndcg))
            .OrderByDescending(a => a.Ndcg).ThenBy(a => a.alpha).First().alpha;
    }

    private const string Hybrid = "hybrid: item-to-item + category prior";

    /// <summary>Each strategy's hit-rate@10 and NDCG@10 over <paramref name="histories"/> (each user's
    /// orders, oldest first), holding out every user's last order; the hybrid weighs its category
    /// prior <paramref name="alpha"/>.</summary>
    internal static Measured Measure(IReadOnlyList<IReadOnlyList<GeneratedOrder>> histories, double alpha)
    {
        var counts = new CoPurchaseCounts(HalfLife);
        var cases = new List<Case>();
        var nothingNew = 0;
        foreach (var orders in histories)
        {
            // The whole last order is held out; only the earlier orders train the model and shape the answer.
            var training = orders.Take(orders.Count - 1).ToList();
            foreach (var order in training) counts.Record(order.Skus, order.PaidAt);
            if (training.Count == 0) continue;
            var bought = training.SelectMany(o => o.Skus).ToHashSet(StringComparer.Ordinal);
            // No strategy recommends what the user already bought, so only the order's new products can be found.
            var relevant = orders[^1].Skus.Where(sku => !bought.Contains(sku)).ToHashSet(StringComparer.Ordinal);
            if (relevant.Count == 0)
            {
                nothingNew++;
                continue;
            }
            // Weighed as "for you" weighs a user's purchases.
            var history = RecentPurchases.Weigh(training.SelectMany(o => o.Skus.Select(sku => (sku, o.PaidAt))), HalfLife);
            cases.Add(new Case(relevant, training[^1].Skus[^1], history, bought));
        }
        var index = NeighbourIndex.Build(counts, new RecommendationOptions().NeighbourCount);

        List<string> Popular(Case c, string? category = null) =>
            // As the service answers: the category first (a stable sort keeps sales order), then the rest.
            [.. index.Popular.Select(s => s.Sku).Where(sku => !c.Bought.Contains(sku))
                .OrderBy(sku => category is not null && PlantedShop.CategoryOf(sku) == category ? 0 : 1).Take(K)];

        var strategies = new (string Name, Func<Case, List<string>> Recommend)[]
        {
            ("popular overall (baseline)", c => Popular(c)),
            ("popular in the category of the latest purchase (baseline)", c => Popular(c, PlantedShop.CategoryOf(c.Latest))),
            ("item-to-item (the for-you blend)", c => [.. index.Blend(c.History, K + c.Bought.Count).Select(n => n.Sku).Where(sku => !c.Bought.Contains(sku)).Take(K)]),
            ("popular in the user's categories (the prior alone, α = 1)", c => [.. CategoryPrior.Rank([], c.History, index.Popular, PlantedShop.CategoryOf, 1, K + c.Bought.Count)
                .Select(n => n.Sku).Where(sku => !c.Bought.Contains(sku)).Take(K)]),
            (Hybrid, c => [.. CategoryPrior.Rank(index.Blend(c.History, BlendCandidates + c.Bought.Count), c.History, index.Popular, PlantedShop.CategoryOf, alpha, K + c.Bought.Count)
                .Select(n => n.Sku).Where(sku => !c.Bought.Contains(sku)).Take(K)]),
        };

        var rows = new List<(string Name, double HitRate, double Ndcg)>();
        foreach (var (name, recommend) in strategies)
        {
            var (hits, gain) = (0, 0.0);
            foreach (var c in cases)
            {
                var ranks = recommend(c).Select((sku, rank) => (sku, rank)).Where(r => c.HeldOut.Contains(r.sku)).Select(r => r.rank).ToList();
                if (ranks.Count == 0) continue;
                hits++;
                var ideal = Enumerable.Range(0, Math.Min(c.HeldOut.Count, K)).Sum(rank => 1 / Math.Log2(rank + 2));
                gain += ranks.Sum(rank => 1 / Math.Log2(rank + 2)) / ideal;
            }
            rows.Add(cases.Count == 0 ? (name, 0, 0) : (name, (double)hits / cases.Count, gain / cases.Count));
        }
        return new Measured(cases.Count, cases.Sum(c => c.HeldOut.Count), nothingNew, rows);
    }

    /// <summary>How many held-out orders were measured, their new products, the users left out
    /// (their last order had nothing new), and each strategy's hit-rate@10 and NDCG@10.</summary>
    internal sealed record Measured(int Cases, int NewProducts, int NothingNew, IReadOnlyList<(string Name, double HitRate, double Ndcg)> Rows);

    /// <summary>One user's held-out order (its products they had not bought before), their latest
    /// purchase before it (the last line of the order before), their earlier purchases weighed for
    /// the blend, and everything they bought before it (never recommended).</summary>
    private sealed record Case(HashSet<string> HeldOut, string Latest, List<(string Sku, double Weight)> History, HashSet<string> Bought);

    private static bool TryRead(string[] args, string name, int fallback, out int value)
    {
        var at = Array.IndexOf(args, name);
        value = fallback;
        return at < 0 || (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out value));
    }
}
