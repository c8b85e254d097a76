using System.ComponentModel.DataAnnotations;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bazaar.Messaging.DeadLetters;

/// <summary>Operator endpoints for dead letters, service-to-service only (the gateway never
/// routes <c>/internal</c>).</summary>
public static class DeadLetterEndpoints
{
    /// <summary>Maps <c>GET /internal/messaging/dead-letters</c>, <c>GET .../{id}</c> and
    /// <c>POST .../{id}/replay</c>.</summary>
    public static IEndpointRouteBuilder MapDeadLetters(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/internal/messaging/dead-letters");
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:long}", GetAsync);
        group.MapPost("/{id:long}/replay", ReplayAsync);
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
