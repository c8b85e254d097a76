using System.Collections.Concurrent;
using Bazaar.Bench.Schedule;
using HdrHistogram;

namespace Bazaar.Bench.Recording;

/// <summary>Everything one run measured. Request threads write lock-free (a <see cref="Recorder"/>
/// per request type, interlocked counters); one reader calls <see cref="Sample"/> once a second,
/// which moves the interval's values into the cumulative histograms and the time series.</summary>
internal sealed class RunRecording
{
    private readonly Recorder[] _recorders;
    private readonly LongHistogram[] _totals;
    private readonly LongHistogram _overall = Latencies.NewHistogram();
    private readonly ConcurrentDictionary<(int Type, string Kind), long> _errors = new();
    private readonly List<TimePoint> _series = [];
    private readonly Lock _sampling = new();
    private long _sent;
    private long _completed;
    private long _failed;
    private long _failedSampled;
    private double _sampledAt;
    private readonly Lock _followUpLock = new();
    private int _followUps;
    private TaskCompletionSource? _followUpsDone;

    public RunRecording(IReadOnlyList<string> requestTypes)
    {
        RequestTypes = requestTypes;
        _recorders = new Recorder[requestTypes.Count];
        _totals = new LongHistogram[requestTypes.Count];
        for (var type = 0; type < requestTypes.Count; type++)
        {
            _recorders[type] = Latencies.NewRecorder();
            _totals[type] = Latencies.NewHistogram();
        }
    }

    public IReadOnlyList<string> RequestTypes { get; }

    public long SentCount => Interlocked.Read(ref _sent);

    public long CompletedCount => Interlocked.Read(ref _completed);

    public long ErrorCount => Interlocked.Read(ref _failed);

    public void Sent() => Interlocked.Increment(ref _sent);

    /// <summary>A request a scenario sends on its own (not on the schedule), e.g. refilling a cart
    /// after an order; the run is not over until it is recorded and <see cref="FollowUpEnded"/> called.</summary>
    public void FollowUpStarted()
    {
        Sent();
        lock (_followUpLock) _followUps++;
    }

    public void FollowUpEnded()
    {
        lock (_followUpLock)
        {
            if (--_followUps == 0) _followUpsDone?.TrySetResult();
        }
    }

    /// <summary>Completes once no follow-up request is in flight.</summary>
    public Task FollowUpsDoneAsync()
    {
        lock (_followUpLock)
        {
            if (_followUps == 0) return Task.CompletedTask;
            if (_followUpsDone is null || _followUpsDone.Task.IsCompleted) _followUpsDone = new(TaskCreationOptions.RunContinuationsAsynchronously);
            return _followUpsDone.Task;
        }
    }

    /// <summary>A success goes into its type's latencies; a failure only into the error counts,
    /// so an error can never pass for a fast success.</summary>
    public void Record(RequestResult result, long latencyMicros)
    {
        Interlocked.Increment(ref _completed);
        if (result.Error is { } kind)
        {
            Interlocked.Increment(ref _failed);
            _errors.AddOrUpdate((result.Type, kind), 1, (_, count) => count + 1);
            return;
        }
        _recorders[result.Type].RecordValue(Latencies.Clamp(latencyMicros));
    }

    /// <summary>Moves what was recorded since the last call into the totals; returns the interval's point.</summary>
    public TimePoint Sample(double elapsedSeconds)
    {
        lock (_sampling)
        {
            var interval = Latencies.NewHistogram();
            for (var type = 0; type < _recorders.Length; type++)
            {
                var part = _recorders[type].GetIntervalHistogram();
                _totals[type].Add(part);
                interval.Add(part);
            }
            _overall.Add(interval);
            var failed = ErrorCount;
            var errors = failed - _failedSampled;
            _failedSampled = failed;
            var completed = interval.TotalCount + errors;
            var seconds = elapsedSeconds - _sampledAt;
            _sampledAt = elapsedSeconds;
            var point = new TimePoint(elapsedSeconds, completed, seconds > 0 ? completed / seconds : 0, errors,
                ValueAt(interval, 50), ValueAt(interval, 90), ValueAt(interval, 99), interval.TotalCount == 0 ? 0 : interval.GetMaxValue());
            // The last sample covers only the tail of answers after the final second; a sliver of
            // an interval would chart as a spurious dip. Its values are in the totals all the same.
            if (seconds >= 0.5 || _series.Count == 0) _series.Add(point);
            return point;
        }
    }

    public IReadOnlyList<TimePoint> Series
    {
        get
        {
            lock (_sampling) return [.. _series];
        }
    }

    /// <summary>The cumulative latencies of one request type (after the last <see cref="Sample"/>).</summary>
    public LongHistogram Total(int type) => _totals[type];

    public LongHistogram Overall => _overall;

    /// <summary>Errors by kind for one request type.</summary>
    public IReadOnlyDictionary<string, long> ErrorsOf(int type)
    {
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var ((errorType, kind), count) in _errors)
        {
            if (errorType == type) errors[kind] = count;
        }
        return errors;
    }

    private static long ValueAt(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile);
}
