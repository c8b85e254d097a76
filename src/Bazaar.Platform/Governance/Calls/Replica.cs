using Bazaar.Platform.Governance.Policy;

namespace Bazaar.Platform.Governance.Calls;

/// <summary>What a caller knows about one replica of a service: requests it has in flight (for
/// least-request balancing) and its outlier state, as Envoy keeps them per host.</summary>
internal sealed class Replica(Uri address)
{
    private readonly Lock _lock = new();
    private int _outstanding;
    private int _consecutiveErrors;
    private int _ejections;
    private long _ejectedUntil;
    private long _returnedAt;
    private bool _probation;

    public Uri Address { get; } = address;

    public int Outstanding => Volatile.Read(ref _outstanding);

    public int ConsecutiveErrors => Volatile.Read(ref _consecutiveErrors);

    public int Ejections => Volatile.Read(ref _ejections);

    public long TotalEjections { get; private set; }

    public void Start() => Interlocked.Increment(ref _outstanding);

    public void Finish() => Interlocked.Decrement(ref _outstanding);

    public bool IsEjected(long now) => now < Volatile.Read(ref _ejectedUntil);

    public DateTimeOffset? EjectedUntil(TimeProvider time)
    {
        var until = Volatile.Read(ref _ejectedUntil);
        var now = time.GetTimestamp();
        return now < until ? time.GetUtcNow() + time.GetElapsedTime(now, until) : null;
    }

    public void RecordSuccess()
    {
        lock (_lock)
        {
            _consecutiveErrors = 0;
            _probation = false;
        }
    }

    /// <summary>Counts an error; true when it makes the replica an outlier. A replica just back from
    /// an ejection is on probation (half-open): its first error counts as the last straw.</summary>
    public bool RecordError(OutlierDetectionPolicy policy, TimeProvider time)
    {
        lock (_lock)
        {
            if (IsEjected(time.GetTimestamp()))
            {
                return false; // an answer to a request sent before the ejection
            }
            _consecutiveErrors++;
            return _probation || _consecutiveErrors >= policy.Consecutive5xxErrors;
        }
    }

    /// <summary>Ejects for the base time × the times ejected, the count decaying by one for each
    /// detection interval the replica spent back in service (Envoy's multiplier).</summary>
    public void Eject(OutlierDetectionPolicy policy, TimeProvider time)
    {
        lock (_lock)
        {
            var now = time.GetTimestamp();
            if (_returnedAt != 0)
            {
                var healthyIntervals = now > _returnedAt ? (int)(time.GetElapsedTime(_returnedAt, now) / policy.Interval) : 0;
                _ejections = Math.Max(0, _ejections - healthyIntervals);
            }
            _ejections++;
            TotalEjections++;
            var duration = policy.BaseEjectionTime * _ejections;
            _ejectedUntil = now + (long)(duration.TotalSeconds * time.TimestampFrequency);
            _returnedAt = _ejectedUntil;
            _consecutiveErrors = 0;
            _probation = true;
        }
    }
}
