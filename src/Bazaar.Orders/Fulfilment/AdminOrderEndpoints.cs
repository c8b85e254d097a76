using Bazaar.Orders.Domain;
using Bazaar.Orders.Orders;
using Bazaar.Orders.Tracking;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Fulfilment;

/// <summary>Admins see every user's orders and drive their fulfilment.</summary>
internal static class AdminOrderEndpoints
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public static void MapAdminOrders(this WebApplication app)
    {
        var admin = app.MapGroup("/api/admin/orders").WithTags("admin").RequireAuthorization(AuthExtensions.AdminPolicy);
        admin.MapGet("/", List);
        admin.MapGet("/{id:guid}", Get);
        admin.MapPost("/{id:guid}/fulfilment", StartFulfilment);
        admin.MapPost("/{id:guid}/shipment/events", RecordEvent);
    }

    private static async Task<Results<Ok<AdminOrderPageResponse>, ValidationProblem>> List(
        string? status, int? limit, string? after, OrderRepository orders, CancellationToken cancellationToken)
    {
        OrderStatus? filter = null;
        if (!string.IsNullOrEmpty(status))
        {
            // Names only: Enum.TryParse would also take "3".
            if (!Enum.GetNames<OrderStatus>().Contains(status, StringComparer.OrdinalIgnoreCase))
            {
                return Problem.Invalid("status", "The status is one of " + string.Join(", ", Enum.GetNames<OrderStatus>()) + ".");
            }
            filter = Enum.Parse<OrderStatus>(status, ignoreCase: true);
        }
        var size = limit ?? DefaultPageSize;
        if (size is < 1 or > MaxPageSize) return Problem.Invalid("limit", $"The limit must be between 1 and {MaxPageSize}.");
        Guid? cursor = null;
        if (after is not null)
        {
            if (!Guid.TryParse(after, out var parsed)) return Problem.Invalid("after", "The cursor is not one this service gave out.");
            cursor = parsed;
        }

        var items = await orders.ListAllAsync(filter, size, cursor, cancellationToken);
        var next = items.Count == size ? items[^1].Id.ToString() : null;
        return TypedResults.Ok(new AdminOrderPageResponse(items, next));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> Get(
        Guid id, OrderRepository orders, OrderViews views, CancellationToken cancellationToken)
    {
        var order = await orders.FindAsync(id, cancellationToken);
        if (order is null) return Problem.NotFound("There is no such order.");
        return TypedResults.Ok(await views.ViewAsync(order, cancellationToken));
    }

    private static async Task<Results<Ok<OrderResponse>, ProblemHttpResult>> StartFulfilment(
        Guid id, FulfilmentService fulfilment, OrderRepository orders, OrderViews views, CancellationToken cancellationToken)
    {
        var result = await fulfilment.StartAsync(id, cancellationToken);
        if (ProblemFor(result) is { } problem) return problem;
        var order = (await orders.FindAsync(id, cancellationToken))!;
        return TypedResults.Ok(await views.ViewAsync(order, cancellationToken));
    }

    private static async Task<Results<Ok<TrackingResponse>, ProblemHttpResult>> RecordEvent(
        Guid id, ShipmentEventRequest request, FulfilmentService fulfilment, TrackingReader tracking, CancellationToken cancellationToken)
    {
        var result = await fulfilment.RecordEventAsync(id, request.Status!, request.Note, cancellationToken);
        if (ProblemFor(result) is { } problem) return problem;
        return TypedResults.Ok((await tracking.ReadAsync(id, userId: null, cancellationToken))!);
    }

    private static ProblemHttpResult? ProblemFor(FulfilmentResult result) => result.Outcome switch
    {
        FulfilmentOutcome.Done => null,
        FulfilmentOutcome.NotFound => Problem.NotFound(result.Detail!),
        _ => Problem.Conflict("invalid-order-transition", "Order status conflict", result.Detail!),
    };
}
