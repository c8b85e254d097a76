using System.Security.Claims;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Tracking;

/// <summary>Where is my order: its status and the shipment's timeline (null until it is paid).</summary>
public sealed record TrackingResponse(Guid OrderId, string OrderStatus, ShipmentResponse? Shipment);

internal static class TrackingEndpoints
{
    public static void MapTracking(this WebApplication app) =>
        app.MapGet("/api/orders/{id:guid}/tracking", Track).WithTags("tracking").RequireAuthorization();

    private static async Task<Results<Ok<TrackingResponse>, ProblemHttpResult>> Track(
        Guid id, ClaimsPrincipal user, OrderRepository orders, ShipmentRepository shipments, CancellationToken cancellationToken)
    {
        var order = await orders.FindForUserAsync(id, user.UserId(), cancellationToken);
        if (order is null) return Problem.NotFound("There is no such order.");
        var shipment = await shipments.FindByOrderAsync(order.Id, cancellationToken);
        return TypedResults.Ok(new TrackingResponse(order.Id, order.Status.ToString(), shipment?.ToResponse()));
    }
}
