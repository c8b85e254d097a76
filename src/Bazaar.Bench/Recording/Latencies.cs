using HdrHistogram;

namespace Bazaar.Bench.Recording;

/// <summary>The histogram settings every latency uses: microseconds, 1 µs to one hour, three
/// significant digits (0.1% precision).</summary>
internal static class Latencies
{
    public const long Highest = 3_600_000_000;

    public const int Digits = 3;

    public static LongHistogram NewHistogram() => new(1, Highest, Digits);

    /// <summary>A recorder many threads write into without locks; a reader swaps out the interval histogram.</summary>
    public static Recorder NewRecorder() =>
        HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(Highest).WithPrecisionOf(Digits).WithThreadSafeWrites().WithThreadSafeReads().Create();

    /// <summary>A value the histogram can hold (it throws beyond its highest trackable value).</summary>
    public static long Clamp(long micros) => Math.Clamp(micros, 1, Highest);
}
