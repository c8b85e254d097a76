using System.Security.Claims;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Orders;

internal static class OrderEndpoints
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static void MapOrderQueries(this WebApplication app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("orders").RequireAuthorization();
        orders.MapGet("/", List);
        orders.MapGet("/{id:guid}", Get);
    }

    private static async Task<Results<Ok<OrderPageResponse>, ValidationProblem>> List(
        int? limit, string? after, ClaimsPrincipal user, OrderRepository orders, CancellationToken cancellationToken)
    {
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) return Problem.Invalid("limit", $"The limit must be between 1 and {MaxPageSize}.");
        Guid? cursor = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var parsed)) return Problem.Invalid("after", "The cursor is not one this service gave out.");
            cursor = parsed;
        }

        var items = await orders.ListForUserAsync(user.UserId(), size, cursor, cancellationToken);
        var next = items.Count == size ? items[^1].Id.ToString() : null;
        return TypedResults.Ok(new OrderPageResponse(items, next));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(
        Guid id, ClaimsPrincipal user, OrderRepository orders, OrderViews views, CancellationToken cancellationToken)
    {
        var order = await orders.FindForUserAsync(id, user.UserId(), cancellationToken);
        if (order is null) return Problem.NotFound("There is no such order.");
        return TypedResults.Ok(await views.ViewAsync(order, cancellationToken));
    }
}
