using Bazaar.Bench.Recording;

namespace Bazaar.Bench.Reports;

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record LatencyStats(long Count, double P50, double P90, double P99, double P999, double Max, double Mean);

/// <summary>One request type's results: successes, errors by kind, achieved rate (successes per second) and latencies.</summary>
internal sealed record TypeSummary(string Name, long Succeeded, long Errors, IReadOnlyDictionary<string, long> ErrorsByKind, double AchievedRate, LatencyStats Latency);

/// <summary>A point of the latency distribution: the value (ms) at a percentile.</summary>
internal sealed record PercentilePoint(double Percentile, double Milliseconds);

/// <summary>One measured run. <see cref="Failed"/> when any request failed: an error is never a success.</summary>
internal sealed record RunSummary(
    string Label, double TargetRate, double DurationSeconds, long Sent, long Completed, long Errors, double AchievedRate,
    LatencyStats Overall, IReadOnlyList<TypeSummary> Types, IReadOnlyList<TimePoint> Series, IReadOnlyList<PercentilePoint> Distribution)
{
    public bool Failed => Errors > 0 || Completed < Sent;

    public string Verdict => Failed
        ? $"FAILED: {Errors} errors" + (Completed < Sent ? $", {Sent - Completed} requests unanswered" : "")
        : "ok: no errors";
}

/// <summary>One rate tried by --find-max.</summary>
internal sealed record FindMaxTrial(double Rate, double P99, long Errors, bool Passed);

/// <summary>The outcome of --find-max: the highest rate whose P99 stayed under the bound with no errors (0 when none did).</summary>
internal sealed record FindMaxResult(double BoundMilliseconds, double BestRate, IReadOnlyList<FindMaxTrial> Trials);

/// <summary>What a bench command measured: one run, or several (baselines), each with its find-max when asked.</summary>
internal sealed record BenchReport(string Scenario, string Target, DateTimeOffset StartedAt, string Settings, IReadOnlyList<BenchSection> Sections, IReadOnlyList<string> Notes)
{
    public bool Failed
    {
        get
        {
            foreach (var section in Sections)
            {
                if (section.FindMax is null ? section.Run?.Failed ?? true : section.FindMax.BestRate <= 0) return true;
            }
            return false;
        }
    }
}

/// <summary>One target measured: the run at the asked rate, or with --find-max the best passing trial's run.</summary>
internal sealed record BenchSection(string Name, RunSummary? Run, FindMaxResult? FindMax);
