using Bazaar.Bench.Recording;
using Bazaar.Bench.Reports;
using Bazaar.Bench.Scenarios;
using Bazaar.Bench.Schedule;

namespace Bazaar.Bench.Running;

/// <summary>How a run is paced.</summary>
internal sealed record RunPlan(double Rate, TimeSpan Duration, TimeSpan Warmup, int MaxInFlight);

/// <summary>One run of a prepared scenario at one rate: a warm-up whose numbers are thrown away,
/// then the measured run, with the progress line once a second.</summary>
internal sealed class LoadRun(TimeProvider clock, TextWriter progress)
{
    public async Task<RunSummary> RunAsync(string label, IScenario scenario, RunPlan plan, CancellationToken cancellationToken)
    {
        if (plan.Warmup > TimeSpan.Zero)
        {
            await MeasureAsync(label + " warm-up", scenario, plan with { Duration = plan.Warmup }, cancellationToken);
        }
        var recording = await MeasureAsync(label, scenario, plan, cancellationToken);
        return Summaries.From(label, plan.Rate, plan.Duration.TotalSeconds, recording);
    }

    private async Task<RunRecording> MeasureAsync(string label, IScenario scenario, RunPlan plan, CancellationToken cancellationToken)
    {
        var recording = new RunRecording(scenario.RequestTypes);
        var start = clock.GetTimestamp();
        var schedule = new OpenLoopSchedule(start, clock.TimestampFrequency, plan.Rate, plan.Duration);
        using var stopProgress = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var ticker = ReportEverySecondAsync(label, recording, start, stopProgress.Token);
        try
        {
            await new OpenLoopRunner(clock, plan.MaxInFlight).RunAsync(schedule, (index, token) => scenario.SendAsync(index, recording, token), recording, cancellationToken);
        }
        finally
        {
            await stopProgress.CancelAsync();
            await ticker;
        }
        var point = recording.Sample(clock.GetElapsedTime(start).TotalSeconds);
        await progress.WriteLineAsync(ProgressLine.Format(label, point.ElapsedSeconds, recording.SentCount, recording.CompletedCount, point, recording.ErrorCount));
        return recording;
    }

    private async Task ReportEverySecondAsync(string label, RunRecording recording, long start, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var point = recording.Sample(clock.GetElapsedTime(start).TotalSeconds);
                await progress.WriteLineAsync(ProgressLine.Format(label, point.ElapsedSeconds, recording.SentCount, recording.CompletedCount, point, recording.ErrorCount));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
