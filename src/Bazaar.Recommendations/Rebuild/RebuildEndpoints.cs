using Bazaar.Messaging.Transport;
using Bazaar.Recommendations.Model;
using Bazaar.Recommendations.Purchases;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bazaar.Recommendations.Rebuild;

/// <summary>What a rebuild did: the counts are cleared and <see cref="Group"/> reads
/// <see cref="Stream"/> again from the start.</summary>
public sealed record RebuildResult(string Stream, string Group, long Position);

/// <summary>The operator's full rebuild from the event log (a new model version, or counts that
/// drifted): clears the counts, the users' purchases and the group's inbox rows in one transaction, then rewinds the group
/// to the start of the stream. The consumer replays every order-paid and the lists fill again.
/// Events handled between the two steps keep their inbox rows, so the replay skips them: each order
/// still counts exactly once.</summary>
internal static class RebuildEndpoints
{
    public const string Stream = "orders";

    public static void MapRebuild(this WebApplication app) =>
        app.MapPost("/internal/recommendations/rebuild", RebuildAsync).WithTags("recommendations");

    private static async Task<Accepted<RebuildResult>> RebuildAsync(
        ModelStore store, IEventTransport transport, CancellationToken cancellationToken)
    {
        await store.ClearAsync(OrderPaidHandler.Group, cancellationToken);
        await transport.RewindAsync(Stream, OrderPaidHandler.Group, 0, cancellationToken);
        return TypedResults.Accepted((string?)null, new RebuildResult(Stream, OrderPaidHandler.Group, 0));
    }
}
