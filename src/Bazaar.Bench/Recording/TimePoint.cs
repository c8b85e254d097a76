namespace Bazaar.Bench.Recording;

/// <summary>One interval of a run (a second; the last may be shorter): answers that completed in it,
/// their rate, and the successes' latency percentiles (µs).</summary>
internal sealed record TimePoint(double ElapsedSeconds, long Completed, double Rate, long Errors, long P50, long P90, long P99, long Max);
