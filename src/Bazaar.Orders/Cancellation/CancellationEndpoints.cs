using System.Security.Claims;
using Bazaar.Orders.Fulfilment;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Cancellation;

internal static class CancellationEndpoints
{
    /// <summary>Customers cancel their own orders; admins any order. Both answer the order, now
    /// Cancelled; its refund and restock follow within seconds.</summary>
    public static void MapCancellation(this WebApplication app)
    {
        app.MapPost("/api/orders/{id:guid}/cancel", (Guid id, ClaimsPrincipal user, CancellationService cancellations, OrderRepository orders, OrderViews views, CancellationToken cancellationToken) =>
            CancelAsync(id, user.UserId(), cancellations, orders, views, cancellationToken)).WithTags("orders").RequireAuthorization();
        app.MapPost("/api/admin/orders/{id:guid}/cancel", (Guid id, CancellationService cancellations, OrderRepository orders, OrderViews views, CancellationToken cancellationToken) =>
            CancelAsync(id, null, cancellations, orders, views, cancellationToken)).WithTags("admin").RequireAuthorization(AuthExtensions.AdminPolicy);
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, Guid? ownerId, CancellationService cancellations, OrderRepository orders, OrderViews views, CancellationToken cancellationToken)
    {
        var result = await cancellations.CancelAsync(id, ownerId, cancellationToken);
        switch (result.Outcome)
        {
            case FulfilmentOutcome.NotFound: return Problem.NotFound(result.Detail!);
            case FulfilmentOutcome.Refused: return Problem.Conflict("order-not-cancellable", "Order cannot be cancelled", result.Detail!);
        }
        var order = (await orders.FindAsync(id, cancellationToken))!;
        return TypedResults.Ok(await views.ViewAsync(order, cancellationToken));
    }
}
