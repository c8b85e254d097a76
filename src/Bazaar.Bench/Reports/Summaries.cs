using Bazaar.Bench.Recording;
using HdrHistogram;

namespace Bazaar.Bench.Reports;

/// <summary>Turns a finished recording into its summary.</summary>
internal static class Summaries
{
    public static RunSummary From(string label, double targetRate, double durationSeconds, RunRecording recording)
    {
        var types = new List<TypeSummary>();
        for (var type = 0; type < recording.RequestTypes.Count; type++)
        {
            var histogram = recording.Total(type);
            var errors = recording.ErrorsOf(type);
            long errorCount = 0;
            foreach (var count in errors.Values) errorCount += count;
            if (histogram.TotalCount == 0 && errorCount == 0) continue;
            types.Add(new TypeSummary(recording.RequestTypes[type], histogram.TotalCount, errorCount, errors, histogram.TotalCount / durationSeconds, Stats(histogram)));
        }
        var overall = recording.Overall;
        return new RunSummary(label, targetRate, durationSeconds, recording.SentCount, recording.CompletedCount, recording.ErrorCount,
            overall.TotalCount / durationSeconds, Stats(overall), types, recording.Series, Distribution(overall));
    }

    public static LatencyStats Stats(HistogramBase histogram) => histogram.TotalCount == 0
        ? new LatencyStats(0, 0, 0, 0, 0, 0, 0)
        : new LatencyStats(histogram.TotalCount, Ms(histogram.GetValueAtPercentile(50)), Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(99)), Ms(histogram.GetValueAtPercentile(99.9)), Ms(histogram.GetMaxValue()), Math.Round(histogram.GetMean() / 1000, 3));

    /// <summary>The classic HdrHistogram percentile spectrum, for the distribution chart.</summary>
    private static List<PercentilePoint> Distribution(HistogramBase histogram)
    {
        var points = new List<PercentilePoint>();
        if (histogram.TotalCount == 0) return points;
        foreach (var value in histogram.Percentiles(5))
        {
            points.Add(new PercentilePoint(Math.Min(value.PercentileLevelIteratedTo, 100), Ms(value.ValueIteratedTo)));
            if (value.PercentileLevelIteratedTo >= 100) break;
        }
        return points;
    }

    public static double Ms(long micros) => Math.Round(micros / 1000.0, 3);
}
