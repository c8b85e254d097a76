namespace Bazaar.Bench.Schedule;

/// <summary>When each request is meant to leave: request <c>i</c> at <c>start + i / rate</c>,
/// whatever happened to the requests before it. Times are <see cref="TimeProvider"/> timestamps.</summary>
internal sealed class OpenLoopSchedule
{
    private readonly double _ticksPerRequest;

    public OpenLoopSchedule(long startTimestamp, long timestampFrequency, double ratePerSecond, TimeSpan duration)
    {
        if (ratePerSecond <= 0) throw new ArgumentOutOfRangeException(nameof(ratePerSecond), "The rate must be above zero.");
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "The duration must be above zero.");
        Start = startTimestamp;
        Rate = ratePerSecond;
        _ticksPerRequest = timestampFrequency / ratePerSecond;
        Count = (long)Math.Floor(duration.TotalSeconds * ratePerSecond);
    }

    public long Start { get; }

    public double Rate { get; }

    /// <summary>How many requests the run sends.</summary>
    public long Count { get; }

    /// <summary>The timestamp request <paramref name="index"/> is meant to be sent at.</summary>
    public long IntendedAt(long index) => Start + (long)(index * _ticksPerRequest);
}
