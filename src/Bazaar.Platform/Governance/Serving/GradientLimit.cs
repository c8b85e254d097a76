using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>An adaptive concurrency limit in the spirit of Netflix's Gradient2: it compares the
/// recent latency with the long-run latency. While they agree, the limit grows by about its square
/// root (room for a queue); when recent latency rises, requests are queueing inside the replica, and
/// the limit shrinks by that ratio. Requests beyond the limit are refused at once.</summary>
internal sealed class GradientLimit(TimeProvider time)
{
    private const double Tolerance = 1.5;      // recent latency may be this much above the long run before shrinking
    private const double Smoothing = 0.2;      // how far each sample moves the limit
    private const double ShortWindow = 10;     // samples in the recent average
    private const double LongWindow = 600;     // samples in the long-run average
    private readonly Lock _lock = new();
    private ConcurrencyLimitPolicy _policy = new();
    private double _limit = new ConcurrencyLimitPolicy().InitialLimit;
    private double _shortRtt;
    private double _longRtt;
    private int _inFlight;

    public int Limit => (int)Volatile.Read(ref _limit);

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Rejected { get; private set; }

    /// <summary>Takes a slot, or refuses when the limit is reached. A taken slot must be returned
    /// with <see cref="Release"/>.</summary>
    public bool TryAcquire(ConcurrencyLimitPolicy policy, out long started)
    {
        started = time.GetTimestamp();
        if (!ReferenceEquals(policy, _policy))
        {
            Reset(policy);
        }
        var inFlight = Interlocked.Increment(ref _inFlight);
        if (inFlight <= Limit)
        {
            return true;
        }
        Interlocked.Decrement(ref _inFlight);
        lock (_lock)
        {
            Rejected++;
        }
        return false;
    }

    public void Release(long started)
    {
        var inFlight = Interlocked.Decrement(ref _inFlight) + 1;
        var rtt = time.GetElapsedTime(started).TotalMilliseconds;
        lock (_lock)
        {
            _shortRtt = _shortRtt == 0 ? rtt : _shortRtt + (rtt - _shortRtt) / ShortWindow;
            _longRtt = _longRtt == 0 ? rtt : _longRtt + (rtt - _longRtt) / LongWindow;
            if (_longRtt / _shortRtt > 2)
            {
                // Latency fell a long way (a warm cache, a quiet period): let the long run follow faster.
                _longRtt *= 0.95;
            }
            // A replica using under half its limit tells nothing about a higher one (app-limited).
            if (inFlight < _limit / 2)
            {
                return;
            }
            var gradient = Math.Clamp(Tolerance * _longRtt / _shortRtt, 0.5, 1.0);
            var next = _limit * gradient + Math.Sqrt(_limit);
            _limit = Math.Clamp(_limit * (1 - Smoothing) + next * Smoothing, _policy.MinLimit, _policy.MaxLimit);
        }
    }

    private void Reset(ConcurrencyLimitPolicy policy)
    {
        lock (_lock)
        {
            if (!ReferenceEquals(policy, _policy))
            {
                _policy = policy;
                _limit = policy.InitialLimit;
            }
        }
    }
}
