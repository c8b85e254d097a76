using System.ComponentModel.DataAnnotations;
using Bazaar.Messaging.Inbox;
using Bazaar.Messaging.Outbox;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bazaar.Messaging.DeadLetters;

/// <summary>Operator endpoints for messaging, service-to-service only (the gateway never
/// routes <c>/internal</c>).</summary>
public static class DeadLetterEndpoints
{
    /// <summary>Maps the messaging operator endpoints: the dead letters
    /// (<c>GET /internal/messaging/dead-letters</c>, <c>GET .../{id}</c>, <c>POST .../{id}/replay</c>),
    /// the parked outbox rows (<c>GET /internal/messaging/outbox/parked</c>,
    /// <c>POST .../{seq}/retry</c>, <c>POST .../{seq}/discard</c>) and the rewind of one of this
    /// service's consumer groups (<c>POST /internal/messaging/streams/{stream}/groups/{group}/rewind?position=0</c>).</summary>
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/internal/messaging/dead-letters");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/{id:long}/replay", ReplayAsync);
        endpoints.MapParkedOutbox();
        endpoints.MapRewind();
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<DeadLetterSummary>>, ValidationProblem>> ListAsync(
        DeadLetterStore store, string? group, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return Problem.Invalid("limit", "The limit must be between 1 and 1000.");
        return TypedResults.Ok(await store.ListAsync(group, limit ?? 100, cancellationToken));
    }

    private static async Task<Results<Ok<DeadLetter>, ProblemHttpResult>> GetAsync(DeadLetterStore store, long id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } letter ? TypedResults.Ok(letter) : Problem.NotFound($"No dead letter {id}.");

    private static async Task<Results<Ok<ReplayResult>, ProblemHttpResult>> ReplayAsync(DeadLetterStore store, long id, CancellationToken cancellationToken)
    {
        ReplayResult? result;
        try
        {
            result = await store.ReplayAsync(id, cancellationToken);
        }
        catch (InvalidOperationException exception)
        {
            // The group's consumer was removed from this service: nothing can handle the letter.
            return Problem.Conflict("no-handler", "No handler for this consumer group", exception.Message);
        }

        if (result is null) return Problem.NotFound($"No dead letter {id}.");
        return result.Outcome == "failed"
            ? Problem.Conflict("replay-failed", "The handler failed again", result.Error ?? "The handler failed.")
            : TypedResults.Ok(result);
    }
}
