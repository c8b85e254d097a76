using Bazaar.Bench.Recording;
using Bazaar.Bench.Reports;
using Bazaar.Bench.Schedule;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class HistogramTests
{
    [Fact]
    public void Percentiles_of_a_uniform_distribution_come_out_where_they_should()
    {
        var recording = new RunRecording(["a", "b"]);
        for (var micros = 1; micros <= 10_000; micros++)
        {
            recording.Record(RequestResult.Ok(micros % 2), micros);
        }
        recording.Sample(1);

        var overall = recording.Overall;
        Assert.Equal(10_000, overall.TotalCount);
        // Three significant digits: values are exact to 0.1%.
        Assert.InRange(overall.GetValueAtPercentile(50), 4_995, 5_005);
        Assert.InRange(overall.GetValueAtPercentile(99), 9_890, 9_910);
        Assert.InRange(overall.GetValueAtPercentile(99.9), 9_980, 10_000);
        Assert.Equal(5_000, recording.Total(0).TotalCount);
        Assert.Equal(5_000, recording.Total(1).TotalCount);

        var summary = Summaries.From("uniform", 10_000, 1, recording);
        Assert.InRange(summary.Overall.P50, 4.995, 5.005);
        Assert.InRange(summary.Overall.P99, 9.89, 9.91);
        Assert.False(summary.Failed);
    }

    [Fact]
    public void Each_second_becomes_a_point_of_the_time_series()
    {
        var recording = new RunRecording(["a"]);
        for (var i = 0; i < 100; i++) recording.Record(RequestResult.Ok(0), 1_000);
        recording.Record(RequestResult.Failed(0, "HTTP 500"), 5);
        var first = recording.Sample(1);
        for (var i = 0; i < 50; i++) recording.Record(RequestResult.Ok(0), 200_000);
        var second = recording.Sample(1.5);

        Assert.Equal(101, first.Completed);
        Assert.Equal(1, first.Errors);
        Assert.Equal(1_000, first.P99);
        Assert.Equal(50, second.Completed);
        Assert.Equal(100, second.Rate, 3);
        Assert.InRange(second.P99, 199_800, 200_200);
        Assert.Equal(150, recording.Overall.TotalCount);
    }
}
