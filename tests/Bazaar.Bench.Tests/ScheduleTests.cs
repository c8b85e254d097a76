using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class ScheduleTests
{
    [Fact]
    public void Request_i_is_intended_at_start_plus_i_over_rate()
    {
        var schedule = new OpenLoopSchedule(startTimestamp: 5_000, timestampFrequency: TimeSpan.TicksPerSecond, ratePerSecond: 400, duration: TimeSpan.FromSeconds(3));

        Assert.Equal(1200, schedule.Count);
        Assert.Equal(5_000, schedule.IntendedAt(0));
        Assert.Equal(5_000 + TimeSpan.TicksPerSecond / 400, schedule.IntendedAt(1));
        Assert.Equal(5_000 + TimeSpan.TicksPerSecond * 3 - TimeSpan.TicksPerSecond / 400, schedule.IntendedAt(1199));
    }

    [Fact]
    public void Requests_leave_at_their_intended_instants_and_a_slow_one_does_not_delay_the_next()
    {
        var time = new VirtualTime();
        var clock = time.Clock;
        var sentAt = new List<long>();
        var recording = new RunRecording(["any"]);
        var schedule = new OpenLoopSchedule(clock.GetTimestamp(), clock.TimestampFrequency, ratePerSecond: 100, TimeSpan.FromSeconds(2));

        time.Run(async () =>
        {
            await new OpenLoopRunner(clock, maxInFlight: 10_000).RunAsync(schedule, async (index, token) =>
            {
                sentAt.Add(clock.GetTimestamp());
                // The first request hangs for 5 s; an open-loop client keeps sending regardless.
                await Task.Delay(index == 0 ? TimeSpan.FromSeconds(5) : TimeSpan.FromMilliseconds(1), clock, token);
                return RequestResult.Ok(0);
            }, recording, TestContext.Current.CancellationToken);
            return 0;
        }, step: TimeSpan.FromMilliseconds(1), limit: TimeSpan.FromSeconds(30));

        Assert.Equal(200, sentAt.Count);
        for (var i = 0; i < sentAt.Count; i++)
        {
            Assert.Equal(schedule.IntendedAt(i), sentAt[i]);
        }
        Assert.Equal(200, recording.CompletedCount);
    }
}
