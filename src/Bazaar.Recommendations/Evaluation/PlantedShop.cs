namespace Bazaar.Recommendations.Evaluation;

/// <summary>One generated order: its SKUs and when it was paid (unix ms).</summary>
internal sealed record GeneratedOrder(IReadOnlyList<string> Skus, long PaidAt);

/// <summary>Purchase histories with structure planted in them, for the offline evaluation:
/// <list type="bullet">
/// <item>a catalog of <see cref="Categories"/> categories of <see cref="PerCategory"/> products, each
/// category's sales skewed (Zipf: the first products sell most);</item>
/// <item>every product has a complement in its category (products 0 and 1, 2 and 3, ...), added to
/// an order with probability <see cref="ComplementRate"/>, and sometimes a second product of the
/// same category;</item>
/// <item>every user prefers two categories and shops in them 90% of the time, over 180 days.</item>
/// </list></summary>
internal static class PlantedShop
{
    public const int Categories = 12;
    public const int PerCategory = 24;
    private const double ComplementRate = 0.6;
    private const double SameCategoryExtraRate = 0.25;
    private const double PreferenceRate = 0.9;
    private static readonly long Start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
    private static readonly long Span = (long)TimeSpan.FromDays(180).TotalMilliseconds;

    public static string Sku(int category, int product) => $"C{category:00}-P{product:00}";

    public static string CategoryOf(string sku) => sku[..3];

    /// <summary>Each user's orders, oldest first.</summary>
    public static IReadOnlyList<IReadOnlyList<GeneratedOrder>> Generate(int seed, int users)
    {
        var random = new Random(seed);
        var zipf = Enumerable.Range(0, PerCategory).Select(i => 1 / Math.Pow(i + 1, 0.8)).ToArray();
        var histories = new List<IReadOnlyList<GeneratedOrder>>(users);
        for (var user = 0; user < users; user++)
        {
            var preferred = new[] { random.Next(Categories), random.Next(Categories) };
            var times = Enumerable.Range(0, random.Next(3, 9)).Select(_ => Start + random.NextInt64(Span)).Order().ToList();
            var orders = new List<GeneratedOrder>();
            foreach (var time in times)
            {
                var category = random.NextDouble() < PreferenceRate ? preferred[random.Next(2)] : random.Next(Categories);
                var product = Pick(random, zipf);
                var skus = new List<string> { Sku(category, product) };
                if (random.NextDouble() < ComplementRate) skus.Add(Sku(category, product ^ 1));
                if (random.NextDouble() < SameCategoryExtraRate) skus.Add(Sku(category, Pick(random, zipf)));
                orders.Add(new GeneratedOrder([.. skus.Distinct(StringComparer.Ordinal)], time));
            }
            histories.Add(orders);
        }
        return histories;
    }

    private static int Pick(Random random, double[] weights)
    {
        var target = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target <= 0) return i;
        }
        return weights.Length - 1;
    }
}
