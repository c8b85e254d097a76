using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bazaar.Messaging.Outbox;

/// <summary>Operator endpoints for parked outbox rows, mapped by
/// <see cref="DeadLetters.DeadLetterEndpoints.MapDeadLetters"/>.</summary>
internal static class ParkedOutboxEndpoints
{
    public static void MapParkedOutbox(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/internal/messaging/outbox/parked");
        group.MapGet("/", ListAsync);
        group.MapPost("/{seq:long}/retry", RetryAsync);
        group.MapPost("/{seq:long}/discard", DiscardAsync);
    }

    private static async Task<Results<Ok<IReadOnlyList<ParkedOutboxEvent>>, ValidationProblem>> ListAsync(
        ParkedOutbox parked, int? limit, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000) return Problem.Invalid("limit", "The limit must be between 1 and 1000.");
        return TypedResults.Ok(await parked.ListAsync(limit ?? 100, cancellationToken));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RetryAsync(ParkedOutbox parked, long seq, CancellationToken cancellationToken) =>
        await parked.RetryAsync(seq, cancellationToken) ? TypedResults.NoContent() : Problem.NotFound($"No parked outbox row {seq}.");

    private static async Task<Results<NoContent, ProblemHttpResult>> DiscardAsync(ParkedOutbox parked, long seq, CancellationToken cancellationToken) =>
        await parked.DiscardAsync(seq, cancellationToken) ? TypedResults.NoContent() : Problem.NotFound($"No parked outbox row {seq}.");
}
