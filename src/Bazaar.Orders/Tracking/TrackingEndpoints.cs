using System.Security.Claims;
using Bazaar.Orders.Orders;
using Bazaar.Platform.Auth;
using Bazaar.Platform.Governance.Serving;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Orders.Tracking;

/// <summary>Where is my order: its status and the shipment's timeline (null until it is paid);
/// <see cref="EventCount"/> is what a long-poll passes as <c>after</c> next time.</summary>
public sealed record TrackingResponse(Guid OrderId, string OrderStatus, ShipmentResponse? Shipment, int EventCount);

internal static class TrackingEndpoints
{
    private const int MaxWaitSeconds = 30;

    public static void MapTracking(this WebApplication app) =>
        // A long-poll waits rather than works: it must not hold a slot of the concurrency limit.
        app.MapGet("/api/orders/{id:guid}/tracking", Track).WithTags("tracking").RequireAuthorization()
            .WithMetadata(new LoadSheddingExemptAttribute());

    /// <summary>Without <c>wait</c>, the timeline now. With <c>after</c> and <c>wait</c>, a long-poll:
    /// at once when the shipment has more than <c>after</c> events, else when the order next
    /// changes or the wait runs out, whichever comes first (200 either way).</summary>
    private static async Task<Results<Ok<TrackingResponse>, ValidationProblem, ProblemHttpResult>> Track(
        Guid id, int? after, int? wait, ClaimsPrincipal user, TrackingReader tracking, TrackingSignals signals, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (after is < 0) return Problem.Invalid("after", "The event count must not be negative.");
        if (wait is < 1 or > MaxWaitSeconds) return Problem.Invalid("wait", $"The wait must be between 1 and {MaxWaitSeconds} seconds.");

        // Subscribed before reading, so an event written between the read and the wait still wakes it.
        using var subscription = wait is null ? null : signals.Subscribe(id);
        var current = await tracking.ReadAsync(id, user.UserId(), cancellationToken);
        if (current is null) return Problem.NotFound("There is no such order.");
        if (subscription is null || current.EventCount > (after ?? -1)) return TypedResults.Ok(current);

        try
        {
            await subscription.Changed.WaitAsync(TimeSpan.FromSeconds(wait!.Value), clock, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Nothing happened: the client asks again with the same count.
        }
        return TypedResults.Ok((await tracking.ReadAsync(id, user.UserId(), cancellationToken))!);
    }
}
