using Bazaar.Messaging.Transport;
using Bazaar.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Bazaar.Messaging.Inbox;

/// <summary>The result of a rewind: the group's consumers fetch the events after
/// <paramref name="Position"/> again.</summary>
public sealed record RewindResult(string Stream, string Group, long Position);

/// <summary>The operator endpoint that replays a stream to one of this service's consumer groups
/// (e.g. to rebuild a read model), mapped by
/// <see cref="DeadLetters.DeadLetterEndpoints.MapDeadLetters"/>.</summary>
internal static class RewindEndpoints
{
    public static void MapRewind(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/internal/messaging/streams/{stream}/groups/{group}/rewind", RewindAsync);

    private static async Task<Results<Ok<RewindResult>, ValidationProblem>> RewindAsync(
        IEventTransport transport, IEnumerable<ConsumedStream> consumed, string stream, string group, long? position, CancellationToken cancellationToken)
    {
        if (position < 0) return Problem.Invalid("position", "The position must be 0 (the whole stream) or more.");
        // Only a group this service consumes: rewinding another service's group from here would
        // replay events to handlers this service cannot see.
        if (!consumed.Contains(new ConsumedStream(stream, group)))
        {
            return Problem.Invalid("group", $"This service has no consumer group '{group}' on stream '{stream}'.");
        }

        await transport.RewindAsync(stream, group, position ?? 0, cancellationToken);
        return TypedResults.Ok(new RewindResult(stream, group, position ?? 0));
    }
}
