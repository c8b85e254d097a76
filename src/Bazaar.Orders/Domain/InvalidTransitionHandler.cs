using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Bazaar.Orders.Domain;

/// <summary>An order asked to make an illegal move (or two requests racing to move it) answers 409,
/// not 500: the request conflicts with the order's current state.</summary>
internal sealed class InvalidTransitionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not InvalidOrderTransitionException transition) return false;
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Order status conflict",
                Detail = $"The order is {transition.From} and cannot become {transition.To}.",
                Type = Problem.Type("invalid-order-transition"),
            },
        });
    }
}
