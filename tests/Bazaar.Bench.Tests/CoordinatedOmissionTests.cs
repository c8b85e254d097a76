using Bazaar.Bench.Recording;
using Bazaar.Bench.Schedule;
using Xunit;

namespace Bazaar.Bench.Tests;

public sealed class CoordinatedOmissionTests
{
    /// <summary>A server that answers in 1 ms, except that it stalls from 1 s to 2 s into the run:
    /// whatever arrives during the stall is answered when it ends.</summary>
    private static async ValueTask<RequestResult> StallingServer(TimeProvider clock, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow() - start;
        var wait = now >= TimeSpan.FromSeconds(1) && now < TimeSpan.FromSeconds(2)
            ? TimeSpan.FromSeconds(2) - now + TimeSpan.FromMilliseconds(1)
            : TimeSpan.FromMilliseconds(1);
        await Task.Delay(wait, clock, cancellationToken);
        return RequestResult.Ok(0);
    }

    [Theory]
    [InlineData(10_000)] // no cap reached
    [InlineData(5)]      // the cap holds sends back during the stall; they are still timed from their intended instant
    public void A_stall_is_charged_to_every_request_intended_during_it(int maxInFlight)
    {
        var time = new VirtualTime();
        var clock = time.Clock;
        var start = clock.GetUtcNow();
        var recording = new RunRecording(["any"]);
        var schedule = new OpenLoopSchedule(clock.GetTimestamp(), clock.TimestampFrequency, ratePerSecond: 100, TimeSpan.FromSeconds(3));

        time.Run(async () =>
        {
            await new OpenLoopRunner(clock, maxInFlight).RunAsync(schedule, (_, token) => StallingServer(clock, start, token), recording, TestContext.Current.CancellationToken);
            return 0;
        }, step: TimeSpan.FromMilliseconds(1), limit: TimeSpan.FromSeconds(30));
        recording.Sample(3);

        var latencies = recording.Overall;
        Assert.Equal(300, latencies.TotalCount);
        // 100 of 300 requests were intended during the 1 s stall, waiting 1000 ms down to ~0 ms:
        // the slowest 1% waited close to the full second, and half of the stalled ones over 500 ms.
        Assert.InRange(latencies.GetValueAtPercentile(99), 970_000, 1_010_000);
        Assert.InRange(latencies.GetValueAtPercentile(90), 600_000, 1_010_000);
        Assert.InRange(latencies.GetValueAtPercentile(50), 1_000, 2_000);
        long overHalfASecond = 0;
        foreach (var value in latencies.RecordedValues())
        {
            if (value.ValueIteratedTo >= 500_000) overHalfASecond += value.CountAtValueIteratedTo;
        }
        Assert.InRange(overHalfASecond, 49, 52);
    }
}
