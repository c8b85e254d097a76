using System.Globalization;
using Bazaar.Platform.Governance.Calls;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>Honours the caller's deadline (<see cref="RequestDeadline.Header"/>): the request stops
/// when the caller has stopped waiting, and calls it makes inherit what is left.</summary>
internal sealed class DeadlineMiddleware(RequestDelegate next, TimeProvider time)
{
    private static readonly TimeSpan Longest = TimeSpan.FromDays(1);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Headers.TryGetValue(RequestDeadline.Header, out var values)
            || !long.TryParse(values.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
            || milliseconds <= 0 || milliseconds > Longest.TotalMilliseconds)
        {
            return next(context);
        }
        var deadline = RequestDeadline.Tighten(context, TimeSpan.FromMilliseconds(milliseconds), time);
        return DeadlineScope.RunAsync(context, deadline, time, () => next(context));
    }
}
