using Bazaar.Bench.Commands;
using Bazaar.Bench.Scenarios;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class CommandTests
{
    [Theory]
    [InlineData("30s", 30_000)]
    [InlineData("500ms", 500)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1.5", 1_500)]
    public void Durations_read_as_typed(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-3s")]
    [InlineData("")]
    public void Nonsense_durations_are_refused(string text) => Assert.False(DurationParser.TryParse(text, out _));

    [Fact]
    public void The_mix_keeps_its_weights_in_every_cycle()
    {
        var counts = new int[6];
        foreach (var type in MixScenario.Cycle) counts[type]++;
        Assert.Equal([1, 2, 10, 2, 3, 1], counts);
        Assert.Equal(19, MixScenario.Cycle.Length);
    }

    [Fact]
    public async Task A_bad_option_is_refused_before_anything_runs()
    {
        var output = new StringWriter();
        var command = BenchCommand.Create(TimeProvider.System, output, output);
        var exitCode = await command.Parse(["bench", "browse", "--rate", "0", "--duration", "soon"]).InvokeAsync(new() { Output = output, Error = output }, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("--rate must be above 0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("--duration takes a duration", output.ToString(), StringComparison.Ordinal);
    }
}
