using System.Globalization;
using System.Net;
using System.Text;

namespace Bazaar.Bench.Reports;

/// <summary>One self-contained HTML page: the summary tables, latency over time, throughput over
/// time and the latency distribution (percentile spectrum) of each run, as inline SVG.</summary>
internal static class HtmlReport
{
    public static string Render(BenchReport report)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>bazaar bench ")
            .Append(Escape(report.Scenario))
            .Append("</title><style>body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;margin:1em 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child{text-align:left}")
            .Append(".failed{color:#b00;font-weight:bold}.ok{color:#070;font-weight:bold}svg{display:block;margin:1em 0;font-family:sans-serif}</style></head><body>");
        html.Append(Invariant($"<h1>bazaar bench {Escape(report.Scenario)}</h1><p>Target {Escape(report.Target)}, started {report.StartedAt:u}. {Escape(report.Settings)}</p>"));
        html.Append("<p>Open-loop: requests leave at a constant rate and each latency is measured from the request's intended send time, so stalls count in full.</p>");
        foreach (var note in report.Notes) html.Append("<p><em>").Append(Escape(note)).Append("</em></p>");
        foreach (var section in report.Sections)
        {
            html.Append("<h2>").Append(Escape(section.Name)).Append("</h2>");
            if (section.FindMax is { } findMax) FindMax(html, findMax);
            if (section.Run is { } run) Run(html, run);
        }
        html.Append("</body></html>");
        return html.ToString();
    }

    private static void FindMax(StringBuilder html, FindMaxResult findMax)
    {
        html.Append(findMax.BestRate > 0
            ? Invariant($"<p class=\"ok\">Highest rate with P99 &le; {findMax.BoundMilliseconds} ms and no errors: {findMax.BestRate:F0}/s</p>")
            : Invariant($"<p class=\"failed\">No rate tried kept P99 &le; {findMax.BoundMilliseconds} ms with no errors.</p>"));
        html.Append("<table><tr><th>rate/s</th><th>P99 ms</th><th>errors</th><th>result</th></tr>");
        foreach (var trial in findMax.Trials)
        {
            html.Append(Invariant($"<tr><td>{trial.Rate:F0}</td><td>{trial.P99:F2}</td><td>{trial.Errors}</td><td>{(trial.Passed ? "pass" : "fail")}</td></tr>"));
        }
        html.Append("</table>");
    }

    private static void Run(StringBuilder html, RunSummary run)
    {
        html.Append(Invariant($"<p class=\"{(run.Failed ? "failed" : "ok")}\">{Escape(run.Verdict)}</p>"));
        html.Append(Invariant($"<p>{Escape(run.Label)}: target {run.TargetRate:F0}/s for {run.DurationSeconds:F0} s; sent {run.Sent}, completed {run.Completed}, achieved {run.AchievedRate:F1}/s.</p>"));
        html.Append("<table><tr><th>request</th><th>ok</th><th>rate/s</th><th>P50</th><th>P90</th><th>P99</th><th>P999</th><th>max</th><th>errors</th></tr>");
        foreach (var type in run.Types) Row(html, type.Name, type.Succeeded, type.AchievedRate, type.Latency, type.Errors);
        Row(html, "all", run.Overall.Count, run.AchievedRate, run.Overall, run.Errors);
        html.Append("</table><p>Latencies in milliseconds.</p>");
        var anyErrors = false;
        foreach (var type in run.Types)
        {
            foreach (var (kind, count) in type.ErrorsByKind)
            {
                if (!anyErrors) html.Append("<table><tr><th>request</th><th>error</th><th>count</th></tr>");
                anyErrors = true;
                html.Append(Invariant($"<tr><td>{Escape(type.Name)}</td><td>{Escape(kind)}</td><td>{count}</td></tr>"));
            }
        }
        if (anyErrors) html.Append("</table>");

        var p50 = new List<(double, double)>();
        var p99 = new List<(double, double)>();
        var max = new List<(double, double)>();
        var rate = new List<(double, double)>();
        var errors = new List<(double, double)>();
        foreach (var point in run.Series)
        {
            p50.Add((point.ElapsedSeconds, point.P50 / 1000.0));
            p99.Add((point.ElapsedSeconds, point.P99 / 1000.0));
            max.Add((point.ElapsedSeconds, point.Max / 1000.0));
            rate.Add((point.ElapsedSeconds, point.Rate));
            errors.Add((point.ElapsedSeconds, point.Errors));
        }
        static string Seconds(double x) => x.ToString("0.#", CultureInfo.InvariantCulture) + " s";
        var seconds = SecondTicks(run.Series.Count == 0 ? 0 : run.Series[^1].ElapsedSeconds);
        html.Append(SvgChart.Render("Latency over time (each second)", "elapsed", "ms",
            [new("p50", "#1f77b4", p50), new("p99", "#d62728", p99), new("max", "#999999", max)], Seconds, seconds));
        html.Append(SvgChart.Render("Throughput over time", "elapsed", "responses/s (errors: count in the interval)",
            [new("completed", "#2ca02c", rate), new("errors", "#d62728", errors)], Seconds, seconds));

        // The percentile spectrum on the usual log scale: x = log10(1 / (1 - p)).
        var spectrum = new List<(double, double)>();
        foreach (var point in run.Distribution)
        {
            if (point.Percentile >= 100) continue;
            spectrum.Add((Math.Log10(100 / (100 - point.Percentile)), point.Milliseconds));
        }
        html.Append(SvgChart.Render("Latency distribution", "percentile", "ms", [new("latency", "#9467bd", spectrum)],
            x => (100 - 100 / Math.Pow(10, x)).ToString("0.####", CultureInfo.InvariantCulture) + "%", [0, 1, 2, 3, 4, 5]));
    }

    /// <summary>Whole seconds, about ten of them, for the time axes.</summary>
    private static List<double> SecondTicks(double end)
    {
        var step = Math.Max(1, Math.Ceiling(end / 10));
        var ticks = new List<double>();
        for (var second = 0.0; second <= end; second += step) ticks.Add(second);
        return ticks;
    }

    private static void Row(StringBuilder html, string name, long ok, double rate, LatencyStats latency, long errors) =>
        html.Append(Invariant($"<tr><td>{Escape(name)}</td><td>{ok}</td><td>{rate:F1}</td><td>{latency.P50:F2}</td><td>{latency.P90:F2}</td><td>{latency.P99:F2}</td><td>{latency.P999:F2}</td><td>{latency.Max:F2}</td><td>{errors}</td></tr>"));

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
