using System.Globalization;
using Bazaar.Recommendations.Model;

namespace Bazaar.Recommendations.Evaluation;

/// <summary><c>dotnet run --project src/Bazaar.Recommendations -- evaluate [--seed N] [--users N]</c>:
/// generates histories with planted structure (<see cref="PlantedShop"/>), holds out each user's last
/// purchase, trains on everything else with the service's own counting and similarity code
/// (<see cref="CoPurchaseCounts"/>, <see cref="NeighbourIndex"/>), recommends 10 products per user
/// from the rest of their history as "for you" does (<see cref="RecentPurchases"/>,
/// <see cref="NeighbourIndex.Blend"/>), and prints hit-rate@10 and NDCG@10 per strategy.</summary>
internal static class OfflineEvaluation
{
    private const int K = 10;
    private static readonly TimeSpan HalfLife = new RecommendationOptions().HalfLife;

    public static int Run(string[] args, TextWriter output)
    {
        if (!TryRead(args, "--seed", 42, out var seed) || !TryRead(args, "--users", 2000, out var users) || users < 1)
        {
            output.WriteLine("usage: evaluate [--seed N] [--users N (1 or more)]");
            return 2;
        }

        var histories = PlantedShop.Generate(seed, users);
        var counts = new CoPurchaseCounts(HalfLife);
        var cases = new List<Case>();
        foreach (var orders in histories)
        {
            // The held-out purchase is the last line of the last order; the rest of that order stays in.
            var last = orders[^1];
            var heldOut = last.Skus[^1];
            var training = orders.Take(orders.Count - 1).Append(last with { Skus = [.. last.Skus.Take(last.Skus.Count - 1)] }).Where(o => o.Skus.Count > 0).ToList();
            foreach (var order in training) counts.Record(order.Skus, order.PaidAt);
            // Weighed as "for you" weighs a user's purchases.
            var history = RecentPurchases.Weigh(training.SelectMany(o => o.Skus.Select(sku => (sku, o.PaidAt))), HalfLife);
            if (history.Count > 0) cases.Add(new Case(heldOut, training[^1].Skus[^1], history, [.. training.SelectMany(o => o.Skus)]));
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
        };

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}, {users} users, {histories.Sum(h => h.Count)} orders, {PlantedShop.Categories * PlantedShop.PerCategory} products, {cases.Count} held-out purchases"));
        output.WriteLine();
        output.WriteLine("| strategy | hit-rate@10 | NDCG@10 |");
        output.WriteLine("|---|---:|---:|");
        foreach (var (name, recommend) in strategies)
        {
            var (hits, gain) = (0, 0.0);
            foreach (var c in cases)
            {
                var rank = recommend(c).IndexOf(c.HeldOut);
                if (rank < 0) continue;
                hits++;
                gain += 1 / Math.Log2(rank + 2); // one relevant item: its DCG is the NDCG
            }
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {(double)hits / cases.Count:0.000} | {gain / cases.Count:0.000} |"));
        }
        return 0;
    }

    /// <summary>One user's held-out purchase, the purchase just before it, their recent purchases
    /// weighed for the blend, and everything they bought before it (never recommended).</summary>
    private sealed record Case(string HeldOut, string Latest, List<(string Sku, double Weight)> History, HashSet<string> Bought);

    private static bool TryRead(string[] args, string name, int fallback, out int value)
    {
        var at = Array.IndexOf(args, name);
        value = fallback;
        return at < 0 || (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out value));
    }
}
