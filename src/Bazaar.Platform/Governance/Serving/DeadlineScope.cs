using Bazaar.Platform.Governance.Calls;
using Bazaar.Platform.Problems;

namespace Bazaar.Platform.Governance.Serving;

/// <summary>Runs the rest of a request under a deadline: <see cref="HttpContext.RequestAborted"/>
/// fires when it passes, so the work stops, and a request that had not answered yet gets a 504
/// problem instead of a 500.</summary>
public static class DeadlineScope
{
    public static async Task RunAsync(HttpContext context, RequestDeadline deadline, TimeProvider time, Func<Task> next)
    {
        var clientGone = context.RequestAborted;
        using var expiry = CancellationTokenSource.CreateLinkedTokenSource(clientGone);
        expiry.CancelAfter(deadline.Remaining(time));
        context.RequestAborted = expiry.Token;
        try
        {
            await next();
            // Some handlers (the proxy) take the cancellation as an error answer rather than
            // throwing it; a success that was merely slow to finish is left alone.
            if (Expired(context, expiry, clientGone) && context.Response.StatusCode >= StatusCodes.Status400BadRequest)
            {
                await WriteDeadlineExceededAsync(context);
            }
        }
        catch (OperationCanceledException) when (Expired(context, expiry, clientGone))
        {
            await WriteDeadlineExceededAsync(context);
        }
        finally
        {
            context.RequestAborted = clientGone;
        }
    }

    private static bool Expired(HttpContext context, CancellationTokenSource expiry, CancellationToken clientGone) =>
        expiry.IsCancellationRequested && !clientGone.IsCancellationRequested && !context.Response.HasStarted;

    private static async Task WriteDeadlineExceededAsync(HttpContext context)
    {
        context.Response.Clear();
        context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status504GatewayTimeout,
                Type = Problem.Type("deadline-exceeded"),
                Title = "Deadline exceeded",
                Detail = "The request ran out of its time budget before it could be answered.",
            },
        });
    }
}
