namespace Bazaar.Orders.Tracking;

/// <summary>Wakes the long-polls waiting on an order when something writes to its timeline. In
/// process only: a waiter on another replica still answers when its wait runs out.</summary>
internal sealed class TrackingSignals
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Waiters> _waiting = [];

    /// <summary>Call before reading the timeline, so a write that lands after the read still wakes the waiter.</summary>
    public Subscription Subscribe(Guid orderId)
    {
        lock (_lock)
        {
            if (!_waiting.TryGetValue(orderId, out var waiters))
            {
                waiters = new Waiters();
                _waiting[orderId] = waiters;
            }
            waiters.Count++;
            return new Subscription(this, orderId, waiters);
        }
    }

    /// <summary>The order's timeline or status changed (call after the transaction committed).</summary>
    public void Signal(Guid orderId)
    {
        Waiters? waiters;
        lock (_lock)
        {
            _waiting.Remove(orderId, out waiters);
        }
        waiters?.Changed.TrySetResult();
    }

    private void Leave(Guid orderId, Waiters waiters)
    {
        lock (_lock)
        {
            // The last waiter to leave removes the entry, so orders nobody writes to again do not pile up.
            if (--waiters.Count == 0 && _waiting.TryGetValue(orderId, out var current) && current == waiters) _waiting.Remove(orderId);
        }
    }

    internal sealed class Waiters
    {
        public TaskCompletionSource Changed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Count { get; set; }
    }

    /// <summary>One waiter's interest in an order; dispose it when the request is answered.</summary>
    internal sealed class Subscription : IDisposable
    {
        private readonly TrackingSignals _signals;
        private readonly Guid _orderId;
        private readonly Waiters _waiters;
        private bool _disposed;

        internal Subscription(TrackingSignals signals, Guid orderId, Waiters waiters)
        {
            _signals = signals;
            _orderId = orderId;
            _waiters = waiters;
        }

        /// <summary>Completes when the order changes after the subscription was taken.</summary>
        public Task Changed => _waiters.Changed.Task;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            _signals.Leave(_orderId, _waiters);
        }
    }
}
