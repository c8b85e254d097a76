using Bazaar.Bench.Recording;

namespace Bazaar.Bench.Schedule;

/// <summary>The open-loop dispatcher: issues each request at its intended time without waiting for
/// earlier ones to finish, and records each latency from the INTENDED send time, so a stalled
/// server is charged for every request that should have been sent during the stall (no
/// coordinated omission, as in wrk2). The only back-pressure is <paramref name="maxInFlight"/>;
/// when it is reached the dispatcher waits for a slot, and that wait is part of the latency.</summary>
/// <remarks>Awaits keep the caller's synchronisation context (no ConfigureAwait(false)), so tests
/// can run the whole dispatcher on one thread against a fake clock.</remarks>
internal sealed class OpenLoopRunner(TimeProvider clock, int maxInFlight)
{
    /// <summary>Sends <c>schedule.Count</c> requests through <paramref name="send"/> and waits for the last answer.</summary>
    public async Task RunAsync(OpenLoopSchedule schedule, Func<long, CancellationToken, ValueTask<RequestResult>> send, RunRecording recording, CancellationToken cancellationToken)
    {
        using var slots = new SemaphoreSlim(maxInFlight, maxInFlight);
        var outstanding = new Outstanding();
        for (long index = 0; index < schedule.Count; index++)
        {
            var intended = schedule.IntendedAt(index);
            var wait = intended - clock.GetTimestamp();
            if (wait > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds((double)wait / clock.TimestampFrequency), clock, cancellationToken);
            }
            // Without a token: SemaphoreSlim then hands back its own waiter, whose continuation
            // stays on the caller's context; slots free up as requests end (they do take the token).
            await slots.WaitAsync();
            cancellationToken.ThrowIfCancellationRequested();
            outstanding.Add();
            recording.Sent();
            _ = SendOneAsync(index, intended, send, recording, slots, outstanding, cancellationToken);
        }
        await outstanding.AllDoneAsync();
        await recording.FollowUpsDoneAsync();
    }

    private async Task SendOneAsync(long index, long intended, Func<long, CancellationToken, ValueTask<RequestResult>> send, RunRecording recording,
        SemaphoreSlim slots, Outstanding outstanding, CancellationToken cancellationToken)
    {
        try
        {
            RequestResult result;
            try
            {
                result = await send(index, cancellationToken);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                // A scenario's bug or an unexpected transport failure is an error of its own kind, never a success.
                result = RequestResult.Failed(0, exception.GetType().Name);
            }
            recording.Record(result, Microseconds(clock.GetTimestamp() - intended));
        }
        finally
        {
            slots.Release();
            outstanding.Done();
        }
    }

    private long Microseconds(long ticks) => Math.Max(1, (long)(ticks * 1_000_000.0 / clock.TimestampFrequency));

    /// <summary>Counts requests in flight; completes once the dispatcher has finished and all have answered.</summary>
    private sealed class Outstanding
    {
        private long _count = 1; // the dispatcher itself, until it calls AllDoneAsync
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Add() => Interlocked.Increment(ref _count);

        public void Done()
        {
            if (Interlocked.Decrement(ref _count) == 0) _done.TrySetResult();
        }

        public Task AllDoneAsync()
        {
            Done();
            return _done.Task;
        }
    }
}
