namespace Bazaar.Platform.Governance.Calls;

/// <summary>The time by which the current request must be answered, carried from caller to callee
/// as the remaining milliseconds in <see cref="Header"/> (like gRPC's <c>grpc-timeout</c>), so a
/// callee never works past its caller's deadline. Kept on the request's <see cref="HttpContext"/>.</summary>
public sealed class RequestDeadline(long timestamp)
{
    public const string Header = "x-bazaar-deadline-ms";

    /// <summary>A <see cref="TimeProvider"/> timestamp.</summary>
    public long Timestamp { get; } = timestamp;

    public TimeSpan Remaining(TimeProvider time)
    {
        var now = time.GetTimestamp();
        return now >= Timestamp ? TimeSpan.Zero : time.GetElapsedTime(now, Timestamp);
    }

    public static RequestDeadline After(TimeSpan budget, TimeProvider time) =>
        new(time.GetTimestamp() + (long)(Math.Max(0, budget.TotalSeconds) * time.TimestampFrequency));

    public static RequestDeadline? Of(HttpContext? context) => context?.Features.Get<RequestDeadline>();

    /// <summary>Sets the deadline unless an earlier one is already set: deadlines only ever shorten.</summary>
    public static RequestDeadline Tighten(HttpContext context, TimeSpan budget, TimeProvider time)
    {
        var proposed = After(budget, time);
        var current = Of(context);
        if (current is not null && current.Timestamp <= proposed.Timestamp)
        {
            return current;
        }
        context.Features.Set(proposed);
        return proposed;
    }
}
