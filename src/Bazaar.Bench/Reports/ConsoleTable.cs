using System.Globalization;
using System.Text;

namespace Bazaar.Bench.Reports;

/// <summary>The table printed at the end: per request type and overall, P50 to max in ms, achieved rate, errors by kind.</summary>
internal static class ConsoleTable
{
    public static string Render(BenchReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"bazaar bench {report.Scenario} -> {report.Target}   ({report.Settings})");
        foreach (var section in report.Sections)
        {
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"== {section.Name}");
            if (section.FindMax is { } findMax)
            {
                foreach (var trial in findMax.Trials)
                {
                    text.AppendLine(CultureInfo.InvariantCulture, $"   trial {trial.Rate,8:F0}/s  p99 {trial.P99,9:F2} ms  errors {trial.Errors,6}  {(trial.Passed ? "pass" : "FAIL")}");
                }
                text.AppendLine(findMax.BestRate > 0
                    ? string.Create(CultureInfo.InvariantCulture, $"   highest rate with p99 <= {findMax.BoundMilliseconds} ms and no errors: {findMax.BestRate:F0}/s")
                    : string.Create(CultureInfo.InvariantCulture, $"   FAILED: no rate tried kept p99 <= {findMax.BoundMilliseconds} ms with no errors"));
            }
            if (section.Run is { } run) Run(text, run);
        }
        return text.ToString();
    }

    private static void Run(StringBuilder text, RunSummary run)
    {
        text.AppendLine(CultureInfo.InvariantCulture,
            $"   target {run.TargetRate:F0}/s for {run.DurationSeconds:F0} s: sent {run.Sent}, completed {run.Completed}, errors {run.Errors}, achieved {run.AchievedRate:F1}/s   {run.Verdict}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"   {"request",-16} {"ok",9} {"rate/s",9} {"p50",9} {"p90",9} {"p99",9} {"p999",9} {"max",9} {"errors",7}   (ms)");
        foreach (var type in run.Types) Row(text, type.Name, type.Succeeded, type.AchievedRate, type.Latency, type.Errors);
        Row(text, "ALL", run.Overall.Count, run.AchievedRate, run.Overall, run.Errors);
        foreach (var type in run.Types)
        {
            foreach (var (kind, count) in type.ErrorsByKind)
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"   error  {type.Name}: {kind} x {count}");
            }
        }
    }

    private static void Row(StringBuilder text, string name, long ok, double rate, LatencyStats latency, long errors) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"   {name,-16} {ok,9} {rate,9:F1} {latency.P50,9:F2} {latency.P90,9:F2} {latency.P99,9:F2} {latency.P999,9:F2} {latency.Max,9:F2} {errors,7}");
}
