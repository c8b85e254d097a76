using System.Diagnostics;

namespace Bazaar.Gateway.RequestIds;

/// <summary>Every request through the gateway carries an <c>X-Request-Id</c>: the client's own when
/// it sent a sane one, a new one otherwise. It is forwarded upstream, echoed in the response and
/// tagged on the trace, so a customer's complaint can be found in the logs.</summary>
internal static class RequestIdMiddleware
{
    public const string Header = "X-Request-Id";

    private const int MaxLength = 128;

    public static void UseRequestIds(this WebApplication app) => app.Use((context, next) =>
    {
        var requestId = context.Request.Headers[Header].ToString();
        if (!IsAcceptable(requestId))
        {
            requestId = Guid.CreateVersion7().ToString("N");
            context.Request.Headers[Header] = requestId;
        }
        // Set as the response starts, last: an answer from the gateway's cache carries the headers
        // it was stored with, which must not include another request's id.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = requestId;
            return Task.CompletedTask;
        });
        Activity.Current?.SetTag("http.request_id", requestId);
        return next(context);
    });

    /// <summary>Printable ASCII without spaces, bounded, so a client cannot smuggle log lines or
    /// huge values through it.</summary>
    internal static bool IsAcceptable(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => c is > ' ' and <= '~');
}
