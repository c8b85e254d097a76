using System.Globalization;
using Bazaar.Recommendations.Evaluation;
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
        Assert.Equal(3, hitRates.Count);
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
