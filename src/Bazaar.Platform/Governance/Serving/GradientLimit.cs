using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>An adaptive concurrency limit in the spirit of Netflix's Gradient2: it compares the
/// recent latency with the long-run latency. While they agree, the limit grows by about its square
/// root (room for a queue); when recent latency rises, requests are queueing inside the replica, and
/// the limit shrinks by that ratio. Requests beyond the limit are refused at once. As in Gradient2,
/// samples are taken per window (the mean latency of <see cref="Window"/>), so the long run spans a
/// minute whatever the request rate.</summary>
internal sealed class GradientLimit(TimeProvider time)
{
    private const double Tolerance = 1.5;      // recent latency may be this much above the long run before shrinking
    private const double Smoothing = 0.2;      // how far each sample moves the limit
    private const double LongWindows = 600;    // windows in the long-run average (a minute)
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(100);
    private readonly Lock _lock = new();
    private ConcurrencyLimitPolicy _policy = new();
    private double _limit = new ConcurrencyLimitPolicy().InitialLimit;
    private double _longRtt;
    private int _inFlight;
    private long _windowStart = time.GetTimestamp();
    private double _windowSum;
    private int _windowCount;
    private int _windowPeak;

    public int Limit => (int)Volatile.Read(ref _limit);

    public int InFlight => Volatile.Read(ref _inFlight);

    public long Rejected { get; private set; }

    /// <summary>Takes a slot, or refuses when the limit is reached. A taken slot must be returned
    /// with <see cref="Release"/>.</summary>
    public bool TryAcquire(ConcurrencyLimitPolicy policy, out long started)
    {
        started = time.GetTimestamp();
        if (policy != _policy)
        {
            Adopt(policy);
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
        var now = time.GetTimestamp();
        var rtt = Math.Max(time.GetElapsedTime(started, now).TotalMilliseconds, 0.001); // never 0: a ratio of zeros is NaN
        lock (_lock)
        {
            _windowSum += rtt;
            _windowCount++;
            _windowPeak = Math.Max(_windowPeak, inFlight);
            if (time.GetElapsedTime(_windowStart, now) < Window)
            {
                return;
            }
            var shortRtt = _windowSum / _windowCount;
            var peak = _windowPeak;
            (_windowStart, _windowSum, _windowCount, _windowPeak) = (now, 0, 0, 0);

            _longRtt = _longRtt == 0 ? shortRtt : _longRtt + (shortRtt - _longRtt) / LongWindows;
            if (_longRtt / shortRtt > 2)
            {
                // Latency fell a long way (a warm cache, a quiet period): let the long run follow faster.
                _longRtt *= 0.95;
            }
            // A replica using under half its limit tells nothing about a higher one (app-limited).
            if (peak < _limit / 2)
            {
                return;
            }
            var gradient = Math.Clamp(Tolerance * _longRtt / shortRtt, 0.5, 1.0);
            var next = _limit * gradient + Math.Sqrt(_limit);
            _limit = Math.Clamp(_limit * (1 - Smoothing) + next * Smoothing, _policy.MinLimit, _policy.MaxLimit);
        }
    }

    /// <summary>A reloaded policy keeps the limit learned so far (within the new bounds), unless
    /// its initial limit changed: a reload of anything else must not undo what load has taught.</summary>
    private void Adopt(ConcurrencyLimitPolicy policy)
    {
        lock (_lock)
        {
            if (policy != _policy)
            {
                _limit = policy.InitialLimit != _policy.InitialLimit
                    ? policy.InitialLimit
                    : Math.Clamp(_limit, policy.MinLimit, policy.MaxLimit);
                _policy = policy;
            }
        }
    }
}
