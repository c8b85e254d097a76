using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.Views;

internal static class ViewEndpoints
{
    public static void MapViews(this WebApplication app) =>
        app.MapPost("/api/recommendations/views", Record).WithTags("recommendations").AllowAnonymous();

    /// <summary>202 at once: the view is queued (or, with the queue full, dropped) and written in the
    /// background. Any well-formed SKU is accepted: asking product-service on every view would make
    /// the cheap path expensive, and a SKU it does not know is never recommended anyway.</summary>
    private static Results<Accepted, ValidationProblem> Record(ViewRequest request, ClaimsPrincipal user, ViewQueue queue, TimeProvider time)
    {
        Guid? userId = user.Identity?.IsAuthenticated == true ? user.UserId() : null;
        if (userId is null && request.SessionId is null)
        {
            return Problem.Invalid("sessionId", "Without a signed-in user, a sessionId is needed to group views.");
        }
        var session = userId is { } id ? $"u:{id}" : $"s:{request.SessionId}";
        queue.TryEnqueue(new View(session, userId, request.Sku, time.GetUtcNow().ToUnixTimeMilliseconds()));
        return TypedResults.Accepted((string?)null);
    }
}
