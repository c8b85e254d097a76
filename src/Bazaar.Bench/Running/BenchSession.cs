using Bazaar.Bench.Baselines;
using Bazaar.Bench.Reports;
using Bazaar.Bench.Scenarios;

namespace Bazaar.Bench.Running;

/// <summary>One bench command from start to files: prepare, measure (once, or stepping the rate with
/// --find-max), print the table, write report.json and report.html. Exit code 0 when every
/// request succeeded (and find-max found a passing rate), 1 when not, 2 when preparation failed, 130 when cancelled.</summary>
internal sealed class BenchSession(TimeProvider clock, TextWriter output, TextWriter progress)
{
    public async Task<int> RunAsync(BenchSettings settings, CancellationToken cancellationToken)
    {
        var startedAt = clock.GetUtcNow();
        var sections = new List<BenchSection>();
        var notes = new List<string>();
        try
        {
            if (settings.Scenario == "baseline")
            {
                await new BaselineRun(this, settings, progress).RunAsync(sections, notes, cancellationToken);
            }
            else
            {
                using var http = new BenchHttp(settings.Target, settings.Connections, settings.Timeout, noCache: settings.NoCache);
                await progress.WriteLineAsync($"preparing {settings.Scenario} against {settings.Target} (before the clock starts)");
                var scenario = await ScenarioCatalog.PrepareAsync(settings.Scenario, http, settings.Users, settings.Products, progress, cancellationToken);
                sections.Add(await MeasureAsync(settings.Scenario, scenario, settings, cancellationToken));
            }
        }
        catch (PreparationException exception)
        {
            await progress.WriteLineAsync("bench: " + exception.Message);
            return 2;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await progress.WriteLineAsync("bench: cancelled; nothing written.");
            return 130;
        }

        var target = settings.Scenario == "baseline" ? "an empty endpoint on 127.0.0.1" : settings.Target.ToString();
        var report = new BenchReport(settings.Scenario, target, startedAt, settings.Describe(), sections, notes);
        await output.WriteLineAsync(ConsoleTable.Render(report));
        var (json, html) = await ReportFiles.WriteAsync(report, settings.OutputFolder(startedAt), cancellationToken);
        await output.WriteLineAsync($"wrote {json}");
        await output.WriteLineAsync($"wrote {html}");
        return report.Failed ? 1 : 0;
    }

    /// <summary>One target: a run at the asked rate, or with --find-max the rate search.</summary>
    public async Task<BenchSection> MeasureAsync(string name, IScenario scenario, BenchSettings settings, CancellationToken cancellationToken)
    {
        var run = new LoadRun(clock, progress);
        if (!settings.FindMax)
        {
            return new BenchSection(name, await run.RunAsync(name, scenario, settings.Plan, cancellationToken), null);
        }
        var finder = new RateFinder(settings.P99BoundMilliseconds);
        var (result, best) = await finder.FindAsync(settings.Rate,
            rate => run.RunAsync($"{name} @ {rate}/s", scenario, settings.Plan with { Rate = rate }, cancellationToken));
        return new BenchSection(name, best, result);
    }
}
