using Microsoft.Extensions.Time.Testing;

namespace Bazaar.Bench.Tests;

/// <summary>Runs async code on this one thread against a fake clock: every continuation is queued
/// here and run before the clock moves on, and the clock moves in fixed steps. The same code gives
/// the same timestamps every time, with no real time passing.</summary>
internal sealed class VirtualTime : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_queue) _queue.Enqueue((d, state));
    }

    public override void Send(SendOrPostCallback d, object? state) => d(state);

    /// <summary>Runs <paramref name="work"/> to completion, advancing the clock by <paramref name="step"/> whenever nothing is left to run.</summary>
    public T Run<T>(Func<Task<T>> work, TimeSpan step, TimeSpan limit)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            var task = work();
            var elapsed = TimeSpan.Zero;
            while (true)
            {
                Drain();
                if (task.IsCompleted) break;
                if (elapsed > limit) throw new TimeoutException($"Still running after {limit} of virtual time.");
                Clock.Advance(step);
                elapsed += step;
            }
            return task.GetAwaiter().GetResult();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private void Drain()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_queue)
            {
                if (_queue.Count == 0) return;
                next = _queue.Dequeue();
            }
            next.Callback(next.State);
        }
    }
}
