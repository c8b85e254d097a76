using System.Globalization;
using Bazaar.Bench.Recording;

namespace Bazaar.Bench.Running;

/// <summary>The live line, once a second on stderr: elapsed, sent, completed, rate, current p99, errors.</summary>
internal static class ProgressLine
{
    public static string Format(string label, double elapsedSeconds, long sent, long completed, TimePoint point, long errors) =>
        string.Create(CultureInfo.InvariantCulture,
            $"[{label}] {elapsedSeconds,6:F1}s  sent {sent,9}  done {completed,9}  rate {point.Rate,8:F0}/s  p99 {point.P99 / 1000.0,9:F2} ms  errors {errors}");
}
